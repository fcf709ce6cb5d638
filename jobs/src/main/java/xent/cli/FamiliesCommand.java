package xent.cli;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.io.PrintWriter;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import xent.model.checkpoint.FamilyCatalog;

/** {@code xent families}: the Hugging Face model types xent reads, from the reader's own registry. */
@Command(
    name = "families",
    mixinStandardHelpOptions = true,
    description = "List the Hugging Face model families xent reads: model_type, architectures,"
        + " example checkpoints, rope types and the config.json keys read (others are refused).")
public final class FamiliesCommand implements Callable<Integer> {

  private static final int WIDTH = 88;

  @Spec CommandSpec spec;

  @Option(names = "--json", description = "Print one JSON object instead of the text table.")
  boolean json;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    List<FamilyCatalog.Family> families = FamilyCatalog.families();
    if (json) {
      out.println(new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().create()
          .toJson(toJson(families)));
    } else {
      printTable(out, families);
    }
    out.flush();
    return 0;
  }

  static JsonObject toJson(List<FamilyCatalog.Family> families) {
    JsonArray list = new JsonArray();
    for (FamilyCatalog.Family f : families) {
      JsonObject o = new JsonObject();
      o.addProperty("model_type", f.modelType());
      o.add("architectures", strings(f.architectures()));
      o.add("examples", strings(f.examples()));
      JsonObject rope = new JsonObject();
      f.ropeTypes().forEach((type, keys) -> rope.add(type, strings(keys)));
      o.add("rope_types", rope);
      JsonObject keys = new JsonObject();
      f.keys().forEach(keys::addProperty);
      o.add("config_keys", keys);
      list.add(o);
    }
    JsonObject root = new JsonObject();
    root.add("families", list);
    return root;
  }

  private static JsonArray strings(List<String> values) {
    JsonArray array = new JsonArray();
    values.forEach(array::add);
    return array;
  }

  private static void printTable(PrintWriter out, List<FamilyCatalog.Family> families) {
    String row = "%-10s %-20s %s%n";
    out.printf(row, "model_type", "architectures", "example checkpoints");
    for (FamilyCatalog.Family f : families) {
      out.printf(row, f.modelType(), String.join(", ", f.architectures()),
          String.join(", ", f.examples()));
    }
    out.println();
    out.println("Rope types (rope_scaling / rope_parameters), with the keys each reads:");
    families.stream().filter(f -> !f.ropeTypes().isEmpty()).findFirst().ifPresent(f -> {
      for (Map.Entry<String, List<String>> e : f.ropeTypes().entrySet()) {
        out.printf("  %-9s %s%n", e.getKey(),
            e.getValue().isEmpty() ? "-" : String.join(", ", e.getValue()));
      }
    });
    out.println("  read by: " + String.join(", ", families.stream()
        .filter(f -> !f.ropeTypes().isEmpty()).map(FamilyCatalog.Family::modelType).toList()));
    out.println();
    out.println("config.json keys read, defaults in xent families --json (any other key that may"
        + " change");
    out.println("the arithmetic is refused):");
    for (FamilyCatalog.Family f : families) {
      out.printf("  %-9s %s%n", f.modelType(), wrapped(List.copyOf(f.keys().keySet())));
    }
  }

  /** The words joined by ", " in lines of at most WIDTH characters after the 12 of the margin. */
  private static String wrapped(List<String> words) {
    StringBuilder text = new StringBuilder();
    int line = 0;
    for (int i = 0; i < words.size(); i++) {
      String word = words.get(i) + (i + 1 < words.size() ? "," : "");
      if (line > 0 && line + 1 + word.length() > WIDTH) {
        text.append(System.lineSeparator()).append(" ".repeat(12));
        line = 0;
      } else if (line > 0) {
        text.append(' ');
        line++;
      }
      text.append(word);
      line += word.length();
    }
    return text.toString();
  }
}
