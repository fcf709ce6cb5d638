package xent.table;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.google.gson.Strictness;
import com.google.gson.stream.JsonReader;
import java.io.StringReader;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Non-finite numbers leave as null with a reason, so a strict parser reads every file. */
@Tag("fast")
class StrictJsonTest {

  private static JsonElement strictlyParsed(String json) {
    JsonReader reader = new JsonReader(new StringReader(json));
    reader.setStrictness(Strictness.STRICT);
    return JsonParser.parseReader(reader);
  }

  @Test
  void nonFiniteNumbersBecomeNullWithAReasonAndTheRestStays() {
    JsonObject fit = new JsonObject();
    fit.addProperty("alpha", 0.34);
    fit.addProperty("N_c", Double.POSITIVE_INFINITY);
    JsonObject interval = new JsonObject();
    JsonArray range = new JsonArray();
    range.add(1.5);
    range.add(Double.NaN);
    interval.add("interval", range);
    interval.addProperty("standard_error", Double.NaN);
    fit.add("bootstrap", interval);

    JsonObject parsed = strictlyParsed(StrictJson.toJson(fit, true)).getAsJsonObject();
    assertEquals(0.34, parsed.get("alpha").getAsDouble());
    assertEquals(true, parsed.get("N_c").isJsonNull());
    assertEquals("not finite: Infinity", parsed.get("N_c_reason").getAsString());
    JsonObject b = parsed.getAsJsonObject("bootstrap");
    assertEquals(1.5, b.getAsJsonArray("interval").get(0).getAsDouble());
    assertEquals(true, b.getAsJsonArray("interval").get(1).isJsonNull());
    assertEquals("not finite at index [1]: written as null", b.get("interval_reason").getAsString());
    assertEquals("not finite: NaN", b.get("standard_error_reason").getAsString());
  }

  @Test
  void theStrictParserOfThisTestRefusesWhatGsonWritesWhenAskedForSpecialValues() {
    String lenient = new com.google.gson.GsonBuilder().serializeSpecialFloatingPointValues().create()
        .toJson(java.util.Map.of("x", Double.NaN));
    assertThrows(com.google.gson.JsonSyntaxException.class, () -> strictlyParsed(lenient));
  }
}
