package xent.tokenize;

import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Reading the JSON files of a Hugging Face folder, with errors that name the file. */
final class JsonFiles {

  private JsonFiles() {}

  static JsonObject readObject(Path file) throws IOException {
    try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      return JsonParser.parseReader(in).getAsJsonObject();
    } catch (JsonParseException | IllegalStateException e) {
      throw new IOException(file + " is not a JSON object: " + e.getMessage(), e);
    }
  }
}
