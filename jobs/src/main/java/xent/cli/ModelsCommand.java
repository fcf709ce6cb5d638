package xent.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import xent.inventory.InventoryRow;
import xent.inventory.ModelInventory;
import xent.inventory.ModelSuite;

/** {@code xent models}: the inventory of checkpoint folders, read without loading any weight. */
@Command(
    name = "models",
    mixinStandardHelpOptions = true,
    description = {
        "One CSV row per checkpoint folder, from config.json, the safetensors headers and",
        "training.json / trainer_state.json / step-N, checkpoint-N names; no weight is loaded.",
        "Columns: " + "model, path, model_type, family, N, N_non_embedding, head, vocab, context, layers,"
            + " d_model, heads, kv_heads, dtype, bytes, step, D. N counts a tied head once;"
            + " N_non_embedding (Kaplan) leaves out token and position embeddings and a separate"
            + " head's weight (head: tied or separate). Unknown cells stay empty.",
        "The table is the --models of 'xent scaling dataset' and the --metadata of 'xent map'."})
public final class ModelsCommand implements Callable<Integer>, Preflight {

  @Mixin ConfigFile.Option config;

  @Parameters(arity = "1..*", paramLabel = "[NAME=]DIR_OR_GLOB",
      description = "A checkpoint folder, a folder of them (at any depth), or a glob of them;"
          + " each is named by its path below the folder (or the glob's fixed part), '/' as '.',"
          + " after NAME. when given: the names 'xent score --model' gives the same spec.")
  List<String> specs;

  @Option(names = "--out", required = true, paramLabel = "CSV", description = "The table to write.")
  Path out;

  @Override
  public void checkInputs() {
    suites();
  }

  @Override
  public Integer call() throws IOException {
    List<InventoryRow> rows = ModelInventory.of(suites());
    ModelInventory.write(rows, out);
    System.out.println("xent models: " + rows.size() + " checkpoints in " + out);
    return 0;
  }

  private List<ModelSuite> suites() {
    try {
      return specs.stream().map(ModelSuite::parse).toList();
    } catch (IllegalArgumentException e) {
      throw new InputError(e.getMessage(), e);
    }
  }
}
