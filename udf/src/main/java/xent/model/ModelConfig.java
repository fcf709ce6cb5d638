package xent.model;

import java.util.Objects;

/**
 * The hyperparameters of a causal language model, as read from a checkpoint.
 *
 * @param family architecture family
 * @param vocabSize number of token ids
 * @param dim width of the residual stream (hidden_size, n_embd)
 * @param nLayers number of transformer blocks
 * @param nHeads number of query heads
 * @param nKvHeads number of key/value heads (grouped-query attention when below nHeads)
 * @param headDim width of one head (usually dim / nHeads)
 * @param hiddenDim width of the feed-forward layer (intermediate_size, n_inner)
 * @param maxPositions longest sequence the model was trained for (learned positions cap it)
 * @param normEps epsilon of RMSNorm / LayerNorm
 * @param ropeTheta RoPE base frequency (Llama family)
 * @param ropeScaling RoPE scaling, or null for none
 * @param tiedEmbeddings whether the output head is the token embedding
 * @param attentionBias whether q/k/v projections carry biases (Qwen2)
 * @param slidingWindow attention window in tokens of the layers that slide (see {@code
 *     attention}), or 0 for none
 * @param bosId beginning-of-sequence token id, or -1
 * @param eosId end-of-sequence token id, or -1
 * @param attention per-layer attention switches: output bias, which layers slide, score scaling
 * @param block how the block is wired: parallel residual, MLP activation
 */
public record ModelConfig(
    Family family,
    int vocabSize,
    int dim,
    int nLayers,
    int nHeads,
    int nKvHeads,
    int headDim,
    int hiddenDim,
    int maxPositions,
    double normEps,
    double ropeTheta,
    RopeScaling ropeScaling,
    boolean tiedEmbeddings,
    boolean attentionBias,
    int slidingWindow,
    int bosId,
    int eosId,
    AttentionVariant attention,
    BlockVariant block) {

  /** Architecture families xent runs. */
  public enum Family {
    LLAMA,
    GPT2,
    GPT_NEOX,
    GEMMA,
    GEMMA2,
    OLMO,
    OLMO2,
    STABLELM,
    PHI,
    GPTJ,
    PHI3,
    OPT,
    BLOOM,
    FALCON
  }

  public ModelConfig {
    Objects.requireNonNull(family, "family");
    positive("vocab_size", vocabSize);
    positive("dim", dim);
    positive("n_layers", nLayers);
    positive("n_heads", nHeads);
    positive("n_kv_heads", nKvHeads);
    positive("head_dim", headDim);
    positive("hidden_dim", hiddenDim);
    positive("max_positions", maxPositions);
    if (nHeads % nKvHeads != 0) {
      throw new IllegalArgumentException(
          "n_heads (" + nHeads + ") must be a multiple of n_kv_heads (" + nKvHeads + ")");
    }
    if (!(normEps > 0)) {
      throw new IllegalArgumentException("norm eps must be positive, found " + normEps);
    }
    if (slidingWindow < 0) {
      throw new IllegalArgumentException("sliding_window must be >= 0, found " + slidingWindow);
    }
    Objects.requireNonNull(attention, "attention");
    Objects.requireNonNull(block, "block");
    boolean rotary = family != Family.GPT2 && family != Family.OPT && family != Family.BLOOM;
    if (rotary && (int) (headDim * attention.rotaryFraction()) % 2 != 0) {
      throw new IllegalArgumentException("the rotated part of each head must be even for RoPE,"
          + " found " + (int) (headDim * attention.rotaryFraction()) + " of head_dim " + headDim);
    }
    int rotaryPairs = (int) (headDim * attention.rotaryFraction()) / 2;
    if (ropeScaling != null && ropeScaling.type().equals("longrope")
        && ropeScaling.shortFactor().size() != rotaryPairs) {
      throw new IllegalArgumentException("longrope short_factor and long_factor list "
          + ropeScaling.shortFactor().size() + " values; the " + rotaryPairs
          + " rotated pairs of each head need one each");
    }
    if (attention.slidingLayers().size() != nLayers) {
      throw new IllegalArgumentException("attention names " + attention.slidingLayers().size()
          + " layers' windows for " + nLayers + " layers");
    }
  }

  /** A config whose attention is standard: every layer slides when slidingWindow is set. */
  public ModelConfig(Family family, int vocabSize, int dim, int nLayers, int nHeads, int nKvHeads,
      int headDim, int hiddenDim, int maxPositions, double normEps, double ropeTheta,
      RopeScaling ropeScaling, boolean tiedEmbeddings, boolean attentionBias, int slidingWindow,
      int bosId, int eosId) {
    this(family, vocabSize, dim, nLayers, nHeads, nKvHeads, headDim, hiddenDim, maxPositions,
        normEps, ropeTheta, ropeScaling, tiedEmbeddings, attentionBias, slidingWindow, bosId, eosId,
        AttentionVariant.standard(nLayers, slidingWindow > 0), BlockVariant.standard(family));
  }

  /** The attention window of {@code layer} in tokens, or 0 when it sees the whole prefix. */
  public int windowOf(int layer) {
    return attention.slidingLayers().get(layer) ? slidingWindow : 0;
  }

  /** This config with the output head tied to the embedding or not. */
  public ModelConfig withTiedEmbeddings(boolean tied) {
    return new ModelConfig(family, vocabSize, dim, nLayers, nHeads, nKvHeads, headDim, hiddenDim,
        maxPositions, normEps, ropeTheta, ropeScaling, tied, attentionBias, slidingWindow, bosId,
        eosId, attention, block);
  }

  private static void positive(String name, int value) {
    if (value <= 0) {
      throw new IllegalArgumentException(name + " must be positive, found " + value);
    }
  }

  /** The leading components of each head that RoPE rotates (HF: int(head_dim * fraction)). */
  public int rotaryDim() {
    return (int) (headDim * attention.rotaryFraction());
  }

  /** Width of the key and value projections. */
  public int kvDim() {
    return nKvHeads * headDim;
  }

  /** Parameters outside the token and position embeddings and the head (Kaplan's N). */
  public long nonEmbeddingParameters() {
    return ModelFamily.tensorsOf(this).stream().filter(s -> !s.role().isEmbedding())
        .mapToLong(TensorSpec::numel).sum();
  }

  /** All parameters, counting a tied output head once. */
  public long totalParameters() {
    return ModelFamily.tensorsOf(this).stream().mapToLong(TensorSpec::numel).sum();
  }
}
