package xent.notebook;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Zeppelin's form templates in a paragraph's text, filled in as Zeppelin would: {@code ${name}},
 * {@code ${name=default}} and the select form {@code ${name=default,option1|option2}} become the
 * value given for {@code name}, else the default.
 */
final class DynamicForms {

  private static final Pattern FORM = Pattern.compile("\\$\\{([^}=,]+)(?:=([^},]*)(?:,[^}]*)?)?}");

  private final Map<String, String> values;

  /** @param values the value of each form that should not take its default */
  DynamicForms(Map<String, String> values) {
    this.values = Map.copyOf(values);
  }

  String fill(String text) {
    Matcher m = FORM.matcher(text);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      String name = m.group(1).trim();
      String value = values.containsKey(name) ? values.get(name) : m.group(2);
      if (value == null) {
        throw new IllegalArgumentException("form ${" + name + "} has no default and no value is given for it");
      }
      m.appendReplacement(out, Matcher.quoteReplacement(value));
    }
    m.appendTail(out);
    return out.toString();
  }
}
