package xent.model.llama;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.SparseFormat;
import ai.djl.nn.Activation;
import ai.djl.nn.core.Embedding;
import java.util.LinkedHashMap;
import java.util.List;
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

  /**
   * One transformer block's weights. The q, k and v projections are stacked into one matrix, and
   * so are gate and up: one large matrix multiply runs faster than three small ones (2x at width
   * 288 on this CPU).
   */
  private record Block(
      NDArray inputNorm, // [dim]
      NDArray wqkv, // [(H + 2 KV) * hs, dim]: q_proj, k_proj, v_proj stacked
      NDArray bqkv, // [(H + 2 KV) * hs] or null
      NDArray wo, // [dim, H * hs]
      NDArray bo, // [dim] or null
      NDArray postNorm, // [dim]
      NDArray gateUp, // [2 * hidden, dim]: gate_proj, up_proj stacked
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
    boolean bias = config.attentionBias();
    for (int i = 0; i < blocks.length; i++) {
      String p = "model.layers." + i + ".";
      String a = p + "self_attn.";
      blocks[i] = new Block(
          weights.get(p + "input_layernorm.weight", d),
          weights.stacked(new String[] {a + "q_proj.weight", a + "k_proj.weight", a + "v_proj.weight"},
              new long[][] {{q, d}, {kv, d}, {kv, d}}),
          bias ? weights.stacked(new String[] {a + "q_proj.bias", a + "k_proj.bias", a + "v_proj.bias"},
              new long[][] {{q}, {kv}, {kv}}) : null,
          weights.get(a + "o_proj.weight", d, q),
          config.attention().outputBias() ? weights.get(a + "o_proj.bias", d) : null,
          weights.get(p + "post_attention_layernorm.weight", d),
          weights.stacked(new String[] {p + "mlp.gate_proj.weight", p + "mlp.up_proj.weight"},
              new long[][] {{hidden, d}, {hidden, d}}),
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
    NDArray full = Attention.causalMask(batch, t, 0); // [T, T]
    NDArray sliding = config.slidingWindow() > 0
        ? Attention.causalMask(batch, t, config.slidingWindow()) : full; // [T, T]

    NDArray x = Embedding.embedding(tokens, embedTokens, SparseFormat.DENSE).singletonOrThrow();
    for (int i = 0; i < blocks.length; i++) { // x: [B, T, dim]
      Block block = blocks[i];
      NDArray mask = config.windowOf(i) > 0 ? sliding : full;
      x = BlockScope.run(x, input -> attention(block, input, b, t, rotation, mask));
      x = BlockScope.run(x, input -> feedForward(block, input));
    }
    return rmsNorm(x, norm);
  }

  /** The attention sub-layer with its residual: x + o_proj(attention(rope(qkv(norm(x))))). */
  private NDArray attention(Block block, NDArray x, long b, long t, NDList rotation, NDArray mask) {
    int h = config.nHeads();
    int kvh = config.nKvHeads();
    int hs = config.headDim();
    long qDim = (long) h * hs;
    long kvDim = (long) kvh * hs;
    // attention rmsnorm, qkv projection, RoPE on q and k
    NDArray xn = rmsNorm(x, block.inputNorm);
    NDList qkv = Weights.linear(xn, block.wqkv, block.bqkv).split(new long[] {qDim, qDim + kvDim}, 2);
    NDArray q = rope.apply(qkv.get(0).reshape(b, t, h, hs), rotation); // [B, T, H, hs]
    NDArray k = rope.apply(qkv.get(1).reshape(b, t, kvh, hs), rotation); // [B, T, KV, hs]
    NDArray v = qkv.get(2).reshape(b, t, kvh, hs);
    // causal grouped-query attention, output projection, residual
    double scale = 1.0 / Math.sqrt(hs);
    NDArray attention = Attention.selfAttention(q, k, v, mask, scale); // [B, T, H * hs]
    return x.add(Weights.linear(attention, block.wo, block.bo));
  }

  /** The feed-forward sub-layer with its residual: x + down(silu(gate(norm(x))) * up(norm(x))). */
  private NDArray feedForward(Block block, NDArray x) {
    // ffn rmsnorm, SwiGLU: w2(silu(w1(x)) * w3(x)), residual
    NDArray xn = rmsNorm(x, block.postNorm);
    NDList gateUp = Weights.linear(xn, block.gateUp, null).split(2, 2); // 2 x [B, T, hidden]
    NDArray gate = gateUp.get(0);
    NDArray swish = gate.mul(Activation.sigmoid(gate)); // silu; swish(gate, 1f) is mul(Number)
    return x.add(Weights.linear(swish.mul(gateUp.get(1)), block.down, null));
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
    return weights(false);
  }

  @Override
  public Map<String, NDArray> checkpointArrays() {
    return weights(true);
  }

  /** The weights by name: live stacked arrays, or their checkpoint parts as views. */
  private Map<String, NDArray> weights(boolean split) {
    long q = (long) config.nHeads() * config.headDim();
    long qk = q + config.kvDim();
    Map<String, NDArray> out = new LinkedHashMap<>();
    out.put("model.embed_tokens.weight", embedTokens);
    for (int i = 0; i < blocks.length; i++) {
      String p = "model.layers." + i + ".";
      Block block = blocks[i];
      out.put(p + "input_layernorm.weight", block.inputNorm);
      for (String kind : config.attentionBias() ? List.of("weight", "bias") : List.of("weight")) {
        NDArray stacked = kind.equals("weight") ? block.wqkv : block.bqkv;
        if (split) {
          NDList qkv = stacked.split(new long[] {q, qk}, 0);
          out.put(p + "self_attn.q_proj." + kind, qkv.get(0));
          out.put(p + "self_attn.k_proj." + kind, qkv.get(1));
          out.put(p + "self_attn.v_proj." + kind, qkv.get(2));
        } else {
          out.put(p + "self_attn.qkv_proj." + kind, stacked);
        }
      }
      out.put(p + "self_attn.o_proj.weight", block.wo);
      if (block.bo != null) {
        out.put(p + "self_attn.o_proj.bias", block.bo);
      }
      out.put(p + "post_attention_layernorm.weight", block.postNorm);
      if (split) {
        NDList gateUp = block.gateUp.split(2, 0);
        out.put(p + "mlp.gate_proj.weight", gateUp.get(0));
        out.put(p + "mlp.up_proj.weight", gateUp.get(1));
      } else {
        out.put(p + "mlp.gate_up_proj.weight", block.gateUp);
      }
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
