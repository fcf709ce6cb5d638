package xent.inventory;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * One checkpoint of {@code xent models}: what its folder states, nulls where it states nothing.
 *
 * @param model the name scores are reported under
 * @param path the checkpoint folder
 * @param modelType config.json's model_type ("llama2c" for a llama2.c folder)
 * @param family training.json's family, else the spec's NAME
 * @param n all parameters, a tied head once
 * @param nNonEmbedding Kaplan's N: without token and position embeddings and a separate head weight
 * @param head "tied" or "separate"
 * @param vocab vocabulary size
 * @param context positions
 * @param layers blocks
 * @param dModel residual width
 * @param heads query heads
 * @param kvHeads key/value heads
 * @param dtype tensor dtypes
 * @param bytes weight files' size on disk
 * @param step optimizer steps taken
 * @param tokens training tokens seen (D)
 */
public record InventoryRow(String model, String path, String modelType, String family, Long n,
    Long nNonEmbedding, String head, Integer vocab, Integer context, Integer layers, Integer dModel,
    Integer heads, Integer kvHeads, String dtype, Long bytes, Long step, Long tokens) {

  /** The CSV header, in the order of {@link #cells()}; the names the metadata tables read. */
  public static final List<String> COLUMNS = List.of("model", "path", "model_type", "family", "N",
      "N_non_embedding", "head", "vocab", "context", "layers", "d_model", "heads", "kv_heads", "dtype",
      "bytes", "step", "D");

  public InventoryRow {
    Objects.requireNonNull(model, "model");
    Objects.requireNonNull(path, "path");
    if (n != null && nNonEmbedding != null && nNonEmbedding > n) {
      throw new IllegalArgumentException("model '" + model + "': N_non_embedding " + nNonEmbedding
          + " exceeds N " + n);
    }
  }

  /** The values in {@link #COLUMNS} order, null where unknown. */
  public List<Object> cells() {
    return Arrays.asList(model, path, modelType, family, n, nNonEmbedding, head, vocab, context,
        layers, dModel, heads, kvHeads, dtype, bytes, step, tokens);
  }
}
