package xent.model;

/** What a checkpoint tensor is for: training init draws each role its own way. */
public enum TensorRole {
  /** Token embedding [V, dim] (also the head when tied). */
  EMBEDDING,
  /** Learned position embedding [positions, dim]. */
  POSITIONS,
  /** A projection inside a block that reads the residual stream. */
  MATRIX,
  /** A projection that writes into the residual stream (attention output, MLP down). */
  RESIDUAL_PROJECTION,
  /** A norm's gain. */
  NORM_GAIN,
  /** A bias, of a projection or a LayerNorm. */
  BIAS,
  /** The output head [V, dim] when it is not the embedding. */
  HEAD;

  /** Whether Kaplan's N (non-embedding parameters) leaves this role out. */
  public boolean isEmbedding() {
    return this == EMBEDDING || this == POSITIONS || this == HEAD;
  }
}
