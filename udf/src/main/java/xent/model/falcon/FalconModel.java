package xent.model.falcon;

import static xent.model.TensorRole.EMBEDDING;
import static xent.model.TensorRole.HEAD;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.SparseFormat;
import ai.djl.nn.core.Embedding;
import java.util.List;
import java.util.regex.Pattern;
import xent.model.Attention;
import xent.model.BlockScope;
import xent.model.DeclaredLm;
import xent.model.DenseMlp;
import xent.model.ModelConfig;
import xent.model.ModelFamily;
import xent.model.Norms;
import xent.model.ParallelBlock;
import xent.model.RotaryAttention;
import xent.model.RotaryEmbedding;
import xent.model.SequentialBlock;
import xent.model.TensorSpec;
import xent.model.Weights;

/**
 * Falcon (FalconForCausalLM): rotary attention from one fused query_key_value laid out per kv
 * group, [H/KV queries, key, value] per group, which covers its three layouts: multi_query (one
 * kv group, Falcon-7B), new_decoder_architecture (num_kv_heads groups, Falcon-40B/180B) and plain
 * multi-head (a group per head). Blocks are parallel, x + attention(n) + mlp(m), with one
 * input_layernorm (n = m) or with ln_attn and ln_mlp (new_decoder_architecture's
 * num_ln_in_parallel_attn 2), or sequential pre-LN (parallel_attn false). bias covers every
 * projection; the MLP's activation is config's activation (gelu); the head is tied. (The config
 * reader refuses alibi.)
 */
public final class FalconModel extends DeclaredLm {

  // FalconForCausalLM puts "transformer." before every name but lm_head's; FalconModel does not
  public static final ModelFamily FAMILY = new ModelFamily(FalconModel::tensors, FalconModel::new,
      "lm_head.weight", "transformer.", Pattern.compile("$^")); // Falcon stores no buffers

  /** The checkpoint tensors of {@code c} (without FalconForCausalLM's transformer. prefix). */
  static List<TensorSpec> tensors(ModelConfig c) {
    long dim = c.dim();
    boolean bias = c.block().mlpBias();
    TensorSpec.Declaration d = new TensorSpec.Declaration();
    d.add("word_embeddings.weight", EMBEDDING, "(vocab_size, dim)", c.vocabSize(), dim);
    d.layers(c.nLayers(), "h.%d.", i -> {
      if (c.block().twoParallelNorms()) {
        d.layerNorm("ln_attn", dim);
        d.layerNorm("ln_mlp", dim);
      } else {
        d.layerNorm("input_layernorm", dim);
      }
      // query_key_value [(H + 2 KV) * hs, dim]: per kv group, its H/KV queries, key, value
      RotaryAttention.declareFused(d, c, "self_attention.", "query_key_value", "dense");
      if (!c.block().parallelResidual()) {
        d.layerNorm("post_attention_layernorm", dim);
      }
      DenseMlp.declare(d, c, "mlp.", "dense_h_to_4h", "dense_4h_to_h", bias);
    });
    d.layerNorm("ln_f", dim);
    if (!c.tiedEmbeddings()) {
      d.add("lm_head.weight", HEAD, "(vocab_size, dim)", c.vocabSize(), dim);
    }
    return d.specs();
  }

  private final NDArray wordEmbeddings; // [V, dim]
  private final ParallelBlock[] parallel; // parallel_attn or new_decoder_architecture, else null
  private final SequentialBlock[] sequential; // parallel_attn false, else null
  private final NDArray lnfWeight; // [dim]
  private final NDArray lnfBias; // [dim]
  private final NDArray head; // [V, dim]
  private final RotaryEmbedding rope;

  public FalconModel(ModelConfig config, Weights weights) {
    super(config, weights);
    wordEmbeddings = weights.get("word_embeddings.weight");
    boolean isParallel = config.block().parallelResidual();
    boolean twoNorms = config.block().twoParallelNorms();
    boolean bias = config.block().mlpBias();
    parallel = isParallel ? new ParallelBlock[config.nLayers()] : null;
    sequential = isParallel ? null : new SequentialBlock[config.nLayers()];
    for (int i = 0; i < config.nLayers(); i++) {
      String p = "h." + i + ".";
      String attentionNorm = p + (twoNorms ? "ln_attn" : "input_layernorm");
      RotaryAttention attention = RotaryAttention.loadFused(
          weights, p + "self_attention.", "query_key_value", "dense", config, true);
      DenseMlp mlp = DenseMlp.load(weights, p + "mlp.", "dense_h_to_4h", "dense_4h_to_h", bias);
      if (isParallel) {
        parallel[i] = new ParallelBlock(
            weights.get(attentionNorm + ".weight"), weights.get(attentionNorm + ".bias"),
            attention, mlp,
            twoNorms ? weights.get(p + "ln_mlp.weight") : null,
            twoNorms ? weights.get(p + "ln_mlp.bias") : null);
      } else {
        sequential[i] = new SequentialBlock(
            weights.get(attentionNorm + ".weight"), weights.get(attentionNorm + ".bias"),
            attention, weights.get(p + "post_attention_layernorm.weight"),
            weights.get(p + "post_attention_layernorm.bias"), mlp);
      }
    }
    lnfWeight = weights.get("ln_f.weight");
    lnfBias = weights.get("ln_f.bias");
    head = weights.head(wordEmbeddings);
    rope = new RotaryEmbedding(config);
  }

  @Override
  public NDArray hiddenStates(NDArray tokens) {
    NDManager batch = tokens.getManager();
    long t = tokens.getShape().get(1);
    NDList rotation = rope.tables(batch, t); // cos, sin [1, T, 1, hs/2]
    NDArray mask = Attention.causalMask(batch, t, 0); // [T, T]

    NDArray x = Embedding.embedding(tokens, wordEmbeddings, SparseFormat.DENSE).singletonOrThrow();
    for (int i = 0; i < config.nLayers(); i++) { // x: [B, T, dim]
      int index = i;
      if (parallel != null) {
        // x + dense(attention(rope(q), rope(k), v)) + mlp(m), q, k, v = query_key_value(n),
        // n = input_layernorm(x) or ln_attn(x), m = n or ln_mlp(x)
        x = BlockScope.run(x, in -> parallel[index].apply(in, config, rope, rotation, mask, index));
      } else {
        // h = x + attention(input_layernorm(x)), h + mlp(post_attention_layernorm(h))
        x = sequential[i].apply(x, config, rope, rotation, mask, i);
      }
    }
    return Norms.layer(x, lnfWeight, lnfBias, config.normEps());
  }

  @Override
  public NDArray head() {
    return head;
  }
}
