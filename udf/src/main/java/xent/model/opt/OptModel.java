package xent.model.opt;

import static xent.model.TensorRole.EMBEDDING;
import static xent.model.TensorRole.HEAD;
import static xent.model.TensorRole.MATRIX;
import static xent.model.TensorRole.POSITIONS;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.SparseFormat;
import ai.djl.nn.core.Embedding;
import java.util.List;
import java.util.regex.Pattern;
import xent.model.Attention;
import xent.model.BlockVariant;
import xent.model.DeclaredLm;
import xent.model.DenseMlp;
import xent.model.ModelConfig;
import xent.model.ModelFamily;
import xent.model.Norms;
import xent.model.RotaryAttention;
import xent.model.SequentialBlock;
import xent.model.TensorSpec;
import xent.model.Weights;

/**
 * OPT (OPTForCausalLM): learned positions stored with an offset of 2 (row p + 2 is position p),
 * multi-head attention with biased q/k/v/out projections, a relu MLP (fc1, fc2), LayerNorms
 * before each sub-layer (do_layer_norm_before) or after each residual sum (OPT-350m), embeddings
 * narrower than the stream projected in and out (word_embed_proj_dim, OPT-350m), a head tied to
 * the embeddings. enable_bias, layer_norm_elementwise_affine and _remove_final_layer_norm drop
 * the biases, the norms' parameters and the final norm.
 */
public final class OptModel extends DeclaredLm {

  /** OPTLearnedPositionalEmbedding's offset: position p is row p + 2. */
  private static final int POSITION_OFFSET = 2;

  // OPTForCausalLM saves "model.decoder.*", OPTModel (facebook/opt-* on the Hub) "decoder.*"
  public static final ModelFamily FAMILY = new ModelFamily(OptModel::tensors, OptModel::new,
      "lm_head.weight", "model.", Pattern.compile("$^")); // OPT stores no buffers

  /** The checkpoint tensors of {@code c} (without OPTForCausalLM's model. prefix). */
  static List<TensorSpec> tensors(ModelConfig c) {
    long dim = c.dim();
    long width = c.block().embeddingWidth(c.dim());
    boolean affine = c.block().normAffine();
    TensorSpec.Declaration d = new TensorSpec.Declaration();
    d.add("decoder.embed_tokens.weight", EMBEDDING, "(vocab_size, word_embed_proj_dim)",
        c.vocabSize(), width);
    d.add("decoder.embed_positions.weight", POSITIONS, "(max_positions + 2, dim)",
        c.maxPositions() + POSITION_OFFSET, dim);
    if (width != dim) {
      d.add("decoder.project_in.weight", MATRIX, "(dim, word_embed_proj_dim)", dim, width);
      d.add("decoder.project_out.weight", MATRIX, "(word_embed_proj_dim, dim)", width, dim);
    }
    d.layers(c.nLayers(), "decoder.layers.%d.", i -> {
      RotaryAttention.declare(d, c, "self_attn.", "out_proj");
      layerNorm(d, "self_attn_layer_norm", affine, dim);
      DenseMlp.declare(d, c, "", "fc1", "fc2", c.block().mlpBias());
      layerNorm(d, "final_layer_norm", affine, dim);
    });
    if (c.block().finalNorm()) {
      layerNorm(d, "decoder.final_layer_norm", affine, dim);
    }
    if (!c.tiedEmbeddings()) {
      d.add("lm_head.weight", HEAD, "(vocab_size, word_embed_proj_dim)", c.vocabSize(), width);
    }
    return d.specs();
  }

  private static void layerNorm(TensorSpec.Declaration d, String name, boolean affine, long dim) {
    if (affine) {
      d.layerNorm(name, dim);
    }
  }

  private final NDArray embedTokens; // [V, width]
  private final NDArray embedPositions; // [maxPositions + 2, dim]
  private final NDArray projectIn; // [dim, width], or null when width = dim
  private final NDArray projectOut; // [width, dim], or null
  private final SequentialBlock[] layers; // self_attn_layer_norm, self_attn, final_layer_norm, fc
  private final NDArray normWeight; // [dim] final_layer_norm, or null
  private final NDArray normBias; // [dim]
  private final NDArray head; // [V, width]

  public OptModel(ModelConfig config, Weights weights) {
    super(config, weights);
    BlockVariant block = config.block();
    embedTokens = weights.get("decoder.embed_tokens.weight");
    embedPositions = weights.get("decoder.embed_positions.weight");
    boolean projected = block.embeddingWidth(config.dim()) != config.dim();
    projectIn = projected ? weights.get("decoder.project_in.weight") : null;
    projectOut = projected ? weights.get("decoder.project_out.weight") : null;
    layers = new SequentialBlock[config.nLayers()];
    for (int i = 0; i < layers.length; i++) {
      String p = "decoder.layers." + i + ".";
      layers[i] = new SequentialBlock(
          norm(weights, p + "self_attn_layer_norm.weight"),
          norm(weights, p + "self_attn_layer_norm.bias"),
          RotaryAttention.load(weights, p + "self_attn.", "out_proj", config),
          norm(weights, p + "final_layer_norm.weight"), norm(weights, p + "final_layer_norm.bias"),
          DenseMlp.load(weights, p, "fc1", "fc2", block.mlpBias()));
    }
    boolean finalNorm = block.finalNorm();
    normWeight = finalNorm ? norm(weights, "decoder.final_layer_norm.weight") : null;
    normBias = finalNorm ? norm(weights, "decoder.final_layer_norm.bias") : null;
    head = weights.head(embedTokens);
  }

  /** A LayerNorm's parameter, or null when the norms have none. */
  private NDArray norm(Weights weights, String name) {
    return config.block().normAffine() ? weights.get(name) : null;
  }

  @Override
  public NDArray hiddenStates(NDArray tokens) {
    long t = tokens.getShape().get(1); // sequence length
    if (t > config.maxPositions()) {
      throw new IllegalArgumentException("sequence of " + t + " tokens exceeds OPT's "
          + config.maxPositions() + " learned positions: use max length <= "
          + config.maxPositions());
    }
    NDManager batch = tokens.getManager();
    NDArray mask = Attention.causalMask(batch, t, 0); // [T, T]
    // positions count from 0 in every window (each is its own sequence), stored from row 2
    NDArray positions = embedPositions.get(POSITION_OFFSET + ":" + (POSITION_OFFSET + t)); // [T, dim]

    NDArray x = Embedding.embedding(tokens, embedTokens, SparseFormat.DENSE)
        .singletonOrThrow(); // [B, T, width]
    if (projectIn != null) {
      x = Weights.linear(x, projectIn, null); // [B, T, dim]
    }
    x = x.add(positions);
    for (int i = 0; i < layers.length; i++) { // x: [B, T, dim]
      // pre-LN: h = x + out_proj(attention(self_attn_layer_norm(x))), h + fc2(relu(fc1(...)))
      // post-LN: self_attn_layer_norm(x + attention(x)), then final_layer_norm(h + mlp(h))
      x = layers[i].apply(x, config, null, null, mask, i);
    }
    if (config.block().finalNorm()) {
      x = Norms.layer(x, normWeight, normBias, config.normEps()); // without parameters: null
    }
    return projectOut == null ? x : Weights.linear(x, projectOut, null); // [B, T, width]
  }

  @Override
  public NDArray head() {
    return head;
  }
}
