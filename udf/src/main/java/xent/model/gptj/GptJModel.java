package xent.model.gptj;

import static xent.model.TensorRole.BIAS;
import static xent.model.TensorRole.EMBEDDING;
import static xent.model.TensorRole.HEAD;
import static xent.model.TensorRole.NORM_GAIN;

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
import xent.model.TensorSpec;
import xent.model.Weights;

/**
 * GPT-J (GPTJForCausalLM: GPT-J-6B): one LayerNorm per block feeding attention and MLP in
 * parallel, x + attention(n) + mlp(n), n = ln_1(x); interleaved rotary (rotate_every_two) over the
 * first rotary_dim components of each head; projections without biases in attention, with
 * biases in the gelu_new MLP; an untied head with a bias.
 */
public final class GptJModel extends DeclaredLm {

  public static final ModelFamily FAMILY = new ModelFamily(GptJModel::tensors, GptJModel::new,
      "lm_head.weight", "",
      Pattern.compile("transformer\\.h\\.\\d+\\.attn\\.(bias|masked_bias)"));

  /** The checkpoint tensors of {@code c}, in checkpoint order. */
  static List<TensorSpec> tensors(ModelConfig c) {
    long dim = c.dim();
    TensorSpec.Declaration d = new TensorSpec.Declaration();
    d.add("transformer.wte.weight", EMBEDDING, "(vocab_size, dim)", c.vocabSize(), dim);
    d.layers(c.nLayers(), "transformer.h.%d.", i -> {
      d.add("ln_1.weight", NORM_GAIN, "(dim)", dim);
      d.add("ln_1.bias", BIAS, "(dim)", dim);
      RotaryAttention.declare(d, c, "attn.", "out_proj");
      DenseMlp.declare(d, c, "mlp.", "fc_in", "fc_out");
    });
    d.add("transformer.ln_f.weight", NORM_GAIN, "(dim)", dim);
    d.add("transformer.ln_f.bias", BIAS, "(dim)", dim);
    if (!c.tiedEmbeddings()) {
      d.add("lm_head.weight", HEAD, "(vocab_size, dim)", c.vocabSize(), dim);
    }
    d.add("lm_head.bias", BIAS, "(vocab_size)", c.vocabSize());
    return d.specs();
  }

  private final NDArray wte; // [V, dim]
  private final ParallelBlock[] layers; // ln_1, attn (no biases), mlp fc_in / fc_out
  private final NDArray normWeight; // [dim] ln_f
  private final NDArray normBias; // [dim]
  private final NDArray head; // [V, dim]
  private final NDArray headBias; // [V]
  private final RotaryEmbedding rope;

  public GptJModel(ModelConfig config, Weights weights) {
    super(config, weights);
    wte = weights.get("transformer.wte.weight");
    layers = new ParallelBlock[config.nLayers()];
    for (int i = 0; i < layers.length; i++) {
      String p = "transformer.h." + i + ".";
      layers[i] = new ParallelBlock(weights.get(p + "ln_1.weight"), weights.get(p + "ln_1.bias"),
          RotaryAttention.load(weights, p + "attn.", "out_proj", config),
          DenseMlp.load(weights, p + "mlp.", "fc_in", "fc_out"));
    }
    normWeight = weights.get("transformer.ln_f.weight");
    normBias = weights.get("transformer.ln_f.bias");
    head = weights.head(wte);
    headBias = weights.get("lm_head.bias");
    rope = new RotaryEmbedding(config);
  }

  @Override
  public NDArray hiddenStates(NDArray tokens) {
    NDManager batch = tokens.getManager();
    NDList rotation = rope.tables(batch, tokens.getShape().get(1)); // cos, sin [1, T, 1, rd/2]
    NDArray mask = Attention.causalMask(batch, tokens.getShape().get(1), 0); // [T, T]

    NDArray x = Embedding.embedding(tokens, wte, SparseFormat.DENSE).singletonOrThrow();
    for (int i = 0; i < layers.length; i++) { // x: [B, T, dim]
      ParallelBlock block = layers[i];
      int index = i;
      // x + out_proj(attention(rope(q), rope(k), v)) + fc_out(gelu(fc_in(n))), n = ln_1(x)
      x = BlockScope.run(x, in -> block.apply(in, config, rope, rotation, mask, index));
    }
    return Norms.layer(x, normWeight, normBias, config.normEps());
  }

  @Override
  public NDArray head() {
    return head;
  }

  @Override
  public NDArray headBias() {
    return headBias;
  }
}
