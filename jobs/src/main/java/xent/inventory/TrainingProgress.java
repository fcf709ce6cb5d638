package xent.inventory;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import xent.model.checkpoint.MalformedCheckpointException;

/**
 * How far a checkpoint's training had gone, where its folder says so; null fields are unknown.
 *
 * <p>Read in order, the first that states a field wins: {@code training.json} (xent train: step,
 * tokens, family), {@code trainer_state.json} (the Hugging Face Trainer: global_step,
 * num_input_tokens_seen), then the folder's name: {@code step-N}, {@code stepN}, {@code
 * checkpoint-N}, {@code global_stepN}, {@code iter_N} (Pythia's and Megatron's revisions), and
 * OLMo's {@code stepN-tokensMB} (tokens in K/M/B/T as the name rounds them).
 *
 * @param step optimizer steps taken
 * @param tokens training tokens seen
 * @param family training.json's family
 */
public record TrainingProgress(Long step, Long tokens, String family) {

  private static final Pattern STEP_NAME = Pattern.compile(
      "(?:step|checkpoint|global_step|iter)[-_]?(\\d+)(?:[-_]tokens(\\d+)([KMBT]))?", Pattern.CASE_INSENSITIVE);

  public TrainingProgress {
    if ((step != null && step < 0) || (tokens != null && tokens < 0)) {
      throw new IllegalArgumentException("training progress: step " + step + " and tokens " + tokens
          + " cannot be negative");
    }
  }

  public static TrainingProgress of(Path folder) throws IOException {
    Long step = null;
    Long tokens = null;
    String family = null;
    Path training = folder.resolve("training.json");
    if (Files.isRegularFile(training)) {
      JsonObject json = object(training);
      step = number(training, json, "step");
      tokens = number(training, json, "tokens");
      family = json.has("family") ? json.get("family").getAsString() : null;
    }
    Path trainer = folder.resolve("trainer_state.json");
    if (Files.isRegularFile(trainer)) {
      JsonObject json = object(trainer);
      step = step != null ? step : number(trainer, json, "global_step");
      tokens = tokens != null ? tokens : number(trainer, json, "num_input_tokens_seen");
    }
    Path name = folder.toAbsolutePath().normalize().getFileName();
    Matcher m = name == null ? null : STEP_NAME.matcher(name.toString());
    if (m != null && m.matches()) {
      step = step != null ? step : Long.valueOf(m.group(1));
      if (tokens == null && m.group(2) != null) {
        tokens = Long.parseLong(m.group(2)) * scale(m.group(3).toUpperCase());
      }
    }
    return new TrainingProgress(step, tokens, family);
  }

  private static long scale(String unit) {
    return switch (unit) {
      case "K" -> 1_000L;
      case "M" -> 1_000_000L;
      case "B" -> 1_000_000_000L;
      default -> 1_000_000_000_000L;
    };
  }

  private static JsonObject object(Path file) throws MalformedCheckpointException {
    try {
      return JsonParser.parseString(Files.readString(file)).getAsJsonObject();
    } catch (IOException | RuntimeException e) {
      throw new MalformedCheckpointException(file + " is not a JSON object: " + e.getMessage(), e);
    }
  }

  private static Long number(Path file, JsonObject json, String key) throws MalformedCheckpointException {
    JsonElement value = json.get(key);
    if (value == null || value.isJsonNull()) {
      return null;
    }
    try {
      return value.getAsJsonPrimitive().getAsBigDecimal().longValueExact();
    } catch (RuntimeException e) {
      throw new MalformedCheckpointException(file + ": " + key + " must be a whole number, found " + value, e);
    }
  }
}
