package xent.model.llama;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.SparseFormat;
import ai.djl.nn.Activation;
import ai.djl.nn.core.Embedding;
import java.util.LinkedHashMap;
import java.util.Map;
import xent.model.Attention;
import xent.model.BlockScope;
import xent.model.CausalLm;
import xent.model.ModelConfig;
import xent.model.RotaryEmbedding;
import xent.model.Weights;

/**
 * The Llama family (Llama, Mistral, Qwen2): RMSNorm, RoPE, grouped-query attention, SwiGLU.
 *
 * <p>Weights keep their Hugging Face names; linear weights are [out, in].
 */
public final class LlamaModel implements CausalLm {

  /** One transformer block's weights. */
  private record Block(
      NDArray inputNorm, // [dim]
      NDArray wq, // [H * hs, dim]
      NDArray bq, // [H * hs] or null
      NDArray wk, // [KV * hs, dim]
      NDArray bk, // [KV * hs] or null
      NDArray wv, // [KV * hs, dim]
      NDArray bv, // [KV * hs] or null
      NDArray wo, // [dim, H * hs]
      NDArray postNorm, // [dim]
      NDArray gate, // [hidden, dim]
      NDArray up, // [hidden, dim]
      NDArray down) {} // [dim, hidden]

  private final ModelConfig config;
  private final NDManager manager;
  private final NDArray embedTokens; // [V, dim]
  private final Block[] blocks;
  private final NDArray norm; // [dim]
  private final NDArray head; // [V, dim]
  private final RotaryEmbedding rope;

  public LlamaModel(ModelConfig config, Weights weights) {
    this.config = config;
    this.manager = weights.manager();
    int d = config.dim();
    int q = config.nHeads() * config.headDim();
    int kv = config.kvDim();
    int hidden = config.hiddenDim();
    int v = config.vocabSize();
    embedTokens = weights.get("model.embed_tokens.weight", v, d);
    blocks = new Block[config.nLayers()];
    for (int i = 0; i < blocks.length; i++) {
      String p = "model.layers." + i + ".";
      boolean bias = config.attentionBias();
      blocks[i] = new Block(
          weights.get(p + "input_layernorm.weight", d),
          weights.get(p + "self_attn.q_proj.weight", q, d),
          bias ? weights.get(p + "self_attn.q_proj.bias", q) : null,
          weights.get(p + "self_attn.k_proj.weight", kv, d),
          bias ? weights.get(p + "self_attn.k_proj.bias", kv) : null,
          weights.get(p + "self_attn.v_proj.weight", kv, d),
          bias ? weights.get(p + "self_attn.v_proj.bias", kv) : null,
          weights.get(p + "self_attn.o_proj.weight", d, q),
          weights.get(p + "post_attention_layernorm.weight", d),
          weights.get(p + "mlp.gate_proj.weight", hidden, d),
          weights.get(p + "mlp.up_proj.weight", hidden, d),
          weights.get(p + "mlp.down_proj.weight", d, hidden));
    }
    norm = weights.get("model.norm.weight", d);
    head = config.tiedEmbeddings() ? embedTokens : weights.get("lm_head.weight", v, d);
    rope = new RotaryEmbedding(config);
  }

  @Override
  public NDArray hiddenStates(NDArray tokens) {
    long b = tokens.getShape().get(0); // batch size
    long t = tokens.getShape().get(1); // sequence length
    NDManager batch = tokens.getManager();
    NDList rotation = rope.tables(batch, t); // cos, sin [1, T, 1, hs/2]
    NDArray mask = Attention.causalMask(batch, t, config.slidingWindow()); // [T, T]

    NDArray x = Embedding.embedding(tokens, embedTokens, SparseFormat.DENSE).singletonOrThrow();
    for (Block block : blocks) { // x: [B, T, dim]
      x = BlockScope.run(x, input -> block(block, input, b, t, rotation, mask));
    }
    return rmsNorm(x, norm);
  }

  private NDArray block(Block block, NDArray x, long b, long t, NDList rotation, NDArray mask) {
    int h = config.nHeads();
    int kvh = config.nKvHeads();
    int hs = config.headDim();
    // attention rmsnorm, qkv projections, RoPE on q and k
    NDArray xn = rmsNorm(x, block.inputNorm);
    NDArray q = Weights.linear(xn, block.wq, block.bq).reshape(b, t, h, hs);
    NDArray k = Weights.linear(xn, block.wk, block.bk).reshape(b, t, kvh, hs);
    NDArray v = Weights.linear(xn, block.wv, block.bv).reshape(b, t, kvh, hs);
    q = rope.apply(q, rotation);
    k = rope.apply(k, rotation);
    // causal grouped-query attention, output projection, residual
    NDArray attention = Attention.selfAttention(q, k, v, mask); // [B, T, H * hs]
    x = x.add(Weights.linear(attention, block.wo, null));
    // ffn rmsnorm, SwiGLU: w2(silu(w1(x)) * w3(x)), residual
    xn = rmsNorm(x, block.postNorm);
    NDArray gate = Weights.linear(xn, block.gate, null); // [B, T, hidden]
    NDArray up = Weights.linear(xn, block.up, null);
    NDArray swish = gate.mul(Activation.sigmoid(gate)); // silu; swish(gate, 1f) is mul(Number)
    return x.add(Weights.linear(swish.mul(up), block.down, null));
  }

  /** x / sqrt(mean(x^2) + eps) * weight, over the last axis. */
  private NDArray rmsNorm(NDArray x, NDArray weight) {
    NDArray meanSquare = x.square().mean(new int[] {-1}, true);
    return x.div(meanSquare.add((float) config.normEps()).sqrt()).mul(weight);
  }

  @Override
  public ModelConfig config() {
    return config;
  }

  @Override
  public NDArray head() {
    return head;
  }

  @Override
  public Map<String, NDArray> parameters() {
    Map<String, NDArray> out = new LinkedHashMap<>();
    out.put("model.embed_tokens.weight", embedTokens);
    for (int i = 0; i < blocks.length; i++) {
      String p = "model.layers." + i + ".";
      Block block = blocks[i];
      out.put(p + "input_layernorm.weight", block.inputNorm);
      out.put(p + "self_attn.q_proj.weight", block.wq);
      out.put(p + "self_attn.k_proj.weight", block.wk);
      out.put(p + "self_attn.v_proj.weight", block.wv);
      if (config.attentionBias()) {
        out.put(p + "self_attn.q_proj.bias", block.bq);
        out.put(p + "self_attn.k_proj.bias", block.bk);
        out.put(p + "self_attn.v_proj.bias", block.bv);
      }
      out.put(p + "self_attn.o_proj.weight", block.wo);
      out.put(p + "post_attention_layernorm.weight", block.postNorm);
      out.put(p + "mlp.gate_proj.weight", block.gate);
      out.put(p + "mlp.up_proj.weight", block.up);
      out.put(p + "mlp.down_proj.weight", block.down);
    }
    out.put("model.norm.weight", norm);
    if (!config.tiedEmbeddings()) {
      out.put("lm_head.weight", head);
    }
    return out;
  }

  @Override
  public void close() {
    manager.close();
  }
}
