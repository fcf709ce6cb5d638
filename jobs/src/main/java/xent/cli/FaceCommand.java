package xent.cli;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonObject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import xent.detect.FaceSimilarity;
import xent.detect.FaceSpectrum;
import xent.detection.FaceComparison;

/** {@code xent face A B}: FACE's spectral similarities of two score tables' texts. */
@Command(
    name = "face",
    mixinStandardHelpOptions = true,
    description = {
        "Compare the texts of two score tables (scored with --per-token) by the Fourier spectra of"
            + " their per-token cross-entropy (FACE, Yang et al. 2023): spectral overlap SO, Pearson,"
            + " Spearman (higher = more alike) and the spectral angle SAM (lower = more alike).",
        "Prints the four numbers; --out FILE also writes them as JSON."})
public final class FaceCommand implements Callable<Integer>, Preflight {

  @Mixin ConfigFile.Option config;

  @Parameters(index = "0", paramLabel = "A", description = "A score table (an xent score --out folder).")
  String tableA;

  @Parameters(index = "1", paramLabel = "B", description = "The other score table.")
  String tableB;

  @Option(names = "--model-a", paramLabel = "NAME", description = "The model of A to read (needed when A holds several).")
  String modelA;

  @Option(names = "--model-b", paramLabel = "NAME", description = "The model of B to read (needed when B holds several).")
  String modelB;

  @Option(names = "--points", defaultValue = "1000", description = "Frequencies of each spectrum (default ${DEFAULT-VALUE}).")
  int points;

  @Option(names = "--value", defaultValue = "norm",
      description = "norm (|X_k|, METRICS.md) or real (Re X_k, as run_fft.py) (default ${DEFAULT-VALUE}).")
  FaceSpectrum.Value value;

  @Option(names = "--n", defaultValue = "1000", description = "Most texts a side, in doc_id order (default ${DEFAULT-VALUE}).")
  int limit;

  @Option(names = "--out", paramLabel = "FILE", description = "Also write the result as JSON.")
  Path out;

  @Override
  public void checkInputs() throws IOException {
    InputCheck.paths(tableA, "score table A");
    InputCheck.paths(tableB, "score table B");
  }

  @Override
  public Integer call() throws IOException {
    checkInputs();
    FaceSpectrum spectrum;
    try {
      spectrum = new FaceSpectrum(value, points);
    } catch (IllegalArgumentException e) {
      throw new InputError("--points: " + e.getMessage(), e);
    }
    try (JobSession session = JobSession.open("xent face")) {
      FaceComparison.Result result;
      try {
        result = FaceComparison.compare(session.spark(), tableA, modelA, tableB, modelB, spectrum, limit);
      } catch (IllegalArgumentException e) {
        throw new InputError(e.getMessage(), e);
      }
      FaceSimilarity s = result.similarity();
      System.out.printf("xent face: %d pairs of texts (%d in A, %d in B)%n  SO %.4f  Pearson %.4f  Spearman %.4f"
          + "  SAM %.4f%n", result.pairs(), result.textsA(), result.textsB(), s.spectralOverlap(), s.pearson(),
          s.spearman(), s.spectralAngle());
      if (out != null) {
        JsonObject json = new JsonObject();
        json.addProperty("a", tableA);
        json.addProperty("b", tableB);
        json.addProperty("pairs", result.pairs());
        number(json, "spectral_overlap", s.spectralOverlap());
        number(json, "pearson", s.pearson());
        number(json, "spearman", s.spearman());
        number(json, "spectral_angle", s.spectralAngle());
        Files.writeString(out, new GsonBuilder().setPrettyPrinting().create().toJson(json) + "\n",
            StandardCharsets.UTF_8);
      }
      return 0;
    }
  }

  /** Strict JSON: a non-finite value (a constant spectrum's correlation) is null with a reason. */
  private static void number(JsonObject json, String key, double value) {
    if (Double.isFinite(value)) {
      json.addProperty(key, value);
    } else {
      json.add(key, com.google.gson.JsonNull.INSTANCE);
      json.addProperty(key + "_reason", "not finite (" + value + "): a spectrum is constant");
    }
  }
}
