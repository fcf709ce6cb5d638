package xent.scaling;

import java.util.Locale;
import java.util.Map;
import xent.inventory.MetadataTable;
import xent.train.LearningRateSchedule;

/**
 * A metadata table's row as {@link CheckpointFacts}. Columns: N and D (required), family,
 * N_non_embedding, C, step, and the schedule: lr (peak), min_lr (default 0), warmup, schedule
 * (cosine or wsd), total_steps, decay_fraction (wsd). Without C, C = 6 N_non_embedding D (Kaplan, as
 * training.json counts it), or 6 N D when N_non_embedding is unknown, and the dataset says which.
 * The learning rates (hence S1, S2) come from the schedule when lr, warmup, schedule, total_steps
 * and step are all given, computed as xent train computes them.
 */
final class TableFacts {

  private TableFacts() {}

  static CheckpointFacts of(MetadataTable table, String model, Map<String, String> row) {
    Cells cells = new Cells(table, model, row);
    long n = cells.required("N");
    long tokens = cells.required("D");
    Long nonEmbedding = cells.whole("N_non_embedding");
    Double c = cells.number("C");
    String source = "table";
    double flops;
    if (c != null) {
      flops = c;
    } else if (nonEmbedding != null) {
      flops = 6.0 * nonEmbedding * tokens;
      source = "6*N_non_embedding*D";
    } else {
      flops = 6.0 * n * tokens;
      source = "6*N*D";
    }
    Long step = cells.whole("step");
    return new CheckpointFacts(row.get("family"), n, nonEmbedding, tokens, flops, source,
        step == null ? null : Math.toIntExact(step), learningRates(cells, step), null);
  }

  /** Every step's rate from the schedule columns, or null when any of them (or the step) is missing. */
  private static double[] learningRates(Cells cells, Long step) {
    Double peak = cells.number("lr");
    Long warmup = cells.whole("warmup");
    String shape = cells.row.get("schedule");
    Long total = cells.whole("total_steps");
    if (peak == null || warmup == null || shape == null || total == null || step == null) {
      return null;
    }
    Double min = cells.number("min_lr");
    Double decay = cells.number("decay_fraction");
    LearningRateSchedule.Shape kind;
    try {
      kind = LearningRateSchedule.Shape.valueOf(shape.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw cells.error("schedule", "'" + shape + "' is not cosine or wsd");
    }
    if (step > total) {
      throw cells.error("step", step + " is beyond total_steps " + total);
    }
    try {
      return new LearningRateSchedule(kind, peak, min == null ? 0 : min, Math.toIntExact(warmup),
          Math.toIntExact(total), decay == null ? 0 : decay).all();
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(cells.where() + ": " + e.getMessage(), e);
    }
  }

  /** Typed cells of one row, errors naming the file, model and column. */
  private record Cells(MetadataTable table, String model, Map<String, String> row) {

    String where() {
      return table.file() + ", model '" + model + "'";
    }

    IllegalArgumentException error(String column, String what) {
      return new IllegalArgumentException(where() + ", column " + column + ": " + what);
    }

    long required(String column) {
      Long value = whole(column);
      if (value == null) {
        throw error(column, "empty; the scaling dataset needs N and D for every model");
      }
      return value;
    }

    Long whole(String column) {
      Double value = number(column);
      if (value == null) {
        return null;
      }
      if (value != Math.rint(value) || Math.abs(value) > 0x1p53) {
        throw error(column, "'" + row.get(column) + "' is not a whole number");
      }
      return value.longValue();
    }

    Double number(String column) {
      String cell = row.get(column);
      if (cell == null) {
        return null;
      }
      try {
        double value = Double.parseDouble(cell);
        if (!Double.isFinite(value) || value < 0) {
          throw error(column, "'" + cell + "' must be a finite number >= 0");
        }
        return value;
      } catch (NumberFormatException e) {
        throw error(column, "'" + cell + "' is not a number");
      }
    }
  }
}
