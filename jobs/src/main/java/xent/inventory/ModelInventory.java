package xent.inventory;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import xent.model.ModelSpec;

/**
 * {@code xent models}: one {@link InventoryRow} per checkpoint folder, from config.json, the
 * safetensors headers and the training records beside them; no weight is read.
 */
public final class ModelInventory {

  private ModelInventory() {}

  /** The rows of every checkpoint the specs name, in spec order, each spec's sorted by name. */
  public static List<InventoryRow> of(List<ModelSuite> suites) throws IOException {
    ModelSuite.members(suites); // refuses one model name from two specs before reading any folder
    List<InventoryRow> rows = new ArrayList<>();
    for (ModelSuite suite : suites) {
      for (ModelSpec spec : suite.members()) {
        rows.add(row(spec, suite.name()));
      }
    }
    return rows;
  }

  /** The row of one checkpoint; {@code suiteName} is the family when training.json names none. */
  public static InventoryRow row(ModelSpec spec, String suiteName) throws IOException {
    Path folder = spec.path();
    TrainingProgress progress = TrainingProgress.of(folder);
    String family = progress.family() != null ? progress.family() : suiteName;
    if (!Files.isRegularFile(folder.resolve("config.json"))) {
      Path weights = folder.resolve("model.bin");
      return new InventoryRow(spec.name(), folder.toString(), "llama2c", family, null, null, null,
          null, null, null, null, null, null, null, Files.size(weights), progress.step(), progress.tokens());
    }
    ConfigSummary config = ConfigSummary.read(folder.resolve("config.json"));
    ParameterCount count = ParameterCount.of(folder, config.tiedHead());
    return new InventoryRow(spec.name(), folder.toString(), config.modelType(), family, count.total(),
        count.nonEmbedding(), count.head(), config.vocab(), config.context(), config.layers(),
        config.dModel(), config.heads(), config.kvHeads(), count.dtype(), count.bytes(),
        progress.step(), progress.tokens());
  }

  /** Writes {@code rows} as CSV with the {@link InventoryRow#COLUMNS} header; unknown cells empty. */
  public static void write(List<InventoryRow> rows, Path file) throws IOException {
    Path parent = file.toAbsolutePath().getParent();
    Files.createDirectories(parent);
    try (Writer writer = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
        CSVPrinter csv = new CSVPrinter(writer, CSVFormat.DEFAULT.builder().setRecordSeparator('\n')
            .setHeader(InventoryRow.COLUMNS.toArray(String[]::new)).get())) {
      for (InventoryRow row : rows) {
        csv.printRecord(row.cells());
      }
    }
  }
}
