package xent.notebook;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.spark.sql.DataFrameReader;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * Runs the notes' {@code %spark} (Scala) paragraphs in Java, for the few statement shapes the notes
 * use; anything else is refused, so a note cannot drift outside what is run here. Each statement
 * is one line:
 *
 * <pre>
 * val NAME = z.textbox("FORM", "DEFAULT").toString          the form's value (given, not the default)
 * spark.read[.option("K", "V")]*.FORMAT(PATH).createOrReplaceTempView("VIEW")
 * pkg.Class.method(ARGS)[.createOrReplaceTempView("VIEW")]   a public static Java method, by reflection
 * </pre>
 *
 * where an argument is {@code spark}, a string literal, an {@code s"..$NAME.."} interpolation, a
 * variable, or {@code java.util.Arrays.asList(ARGS)}. Variables live across paragraphs, as they do
 * in one Scala interpreter.
 */
final class ScalaParagraphs {

  private static final Pattern TEXTBOX =
      Pattern.compile("val (\\w+) = z\\.textbox\\(\"([^\"]+)\", \"([^\"]*)\"\\)\\.toString");
  private static final Pattern VIEW = Pattern.compile("(.+)\\.createOrReplaceTempView\\(\"(\\w+)\"\\)");
  private static final Pattern READER =
      Pattern.compile("spark\\.read((?:\\.option\\(\"[^\"]*\", \"[^\"]*\"\\))*)\\.(parquet|csv|json|text)\\((.+)\\)");
  private static final Pattern OPTION = Pattern.compile("\\.option\\(\"([^\"]*)\", \"([^\"]*)\"\\)");
  private static final Pattern STATIC_CALL = Pattern.compile("((?:[a-z]\\w*\\.)+[A-Z]\\w*)\\.(\\w+)\\((.*)\\)");
  private static final Pattern AS_LIST = Pattern.compile("java\\.util\\.Arrays\\.asList\\((.*)\\)");
  private static final Pattern INTERPOLATED = Pattern.compile("\\$\\{?(\\w+)}?");

  private final SparkSession spark;
  private final Map<String, String> forms;
  private final Map<String, Object> variables = new HashMap<>();
  private final List<String> views = new ArrayList<>();

  /** @param forms the value of every textbox form the notes create */
  ScalaParagraphs(SparkSession spark, Map<String, String> forms) {
    this.spark = spark;
    this.forms = Map.copyOf(forms);
  }

  /** The temp views created so far, in order. */
  List<String> views() {
    return List.copyOf(views);
  }

  void run(ZeppelinNote.Paragraph paragraph) {
    for (String raw : paragraph.body().split("\n")) {
      String line = raw.strip();
      if (line.isEmpty() || line.startsWith("//")) {
        continue;
      }
      try {
        statement(line);
      } catch (RuntimeException e) {
        throw new IllegalArgumentException(paragraph + ": " + line + ": " + e.getMessage(), e);
      }
    }
  }

  private void statement(String line) {
    Matcher textbox = TEXTBOX.matcher(line);
    if (textbox.matches()) {
      String form = textbox.group(2);
      if (!forms.containsKey(form)) {
        throw new IllegalArgumentException("no test value for textbox form '" + form + "'; known: " + forms.keySet());
      }
      variables.put(textbox.group(1), forms.get(form));
      return;
    }
    Matcher view = VIEW.matcher(line);
    if (view.matches()) {
      Object source = expression(view.group(1));
      if (!(source instanceof Dataset<?> dataset)) {
        throw new IllegalArgumentException("createOrReplaceTempView on " + source + ", not a Dataset");
      }
      dataset.createOrReplaceTempView(view.group(2));
      views.add(view.group(2));
      return;
    }
    if (STATIC_CALL.matcher(line).matches()) {
      expression(line);
      return;
    }
    throw new IllegalArgumentException("not a statement shape this test runs (see ScalaParagraphs)");
  }

  private Object expression(String text) {
    Matcher reader = READER.matcher(text);
    if (reader.matches()) {
      DataFrameReader r = spark.read();
      Matcher option = OPTION.matcher(reader.group(1));
      while (option.find()) {
        r = r.option(option.group(1), option.group(2));
      }
      String path = (String) argument(reader.group(3));
      Dataset<Row> table = switch (reader.group(2)) {
        case "parquet" -> r.parquet(path);
        case "csv" -> r.csv(path);
        case "json" -> r.json(path);
        default -> r.text(path);
      };
      return table;
    }
    Matcher call = STATIC_CALL.matcher(text);
    if (call.matches()) {
      return invoke(call.group(1), call.group(2), arguments(call.group(3)));
    }
    throw new IllegalArgumentException("not an expression this test runs: " + text);
  }

  /** A public static method of {@code className} that takes {@code args}, called by reflection. */
  private static Object invoke(String className, String name, List<Object> args) {
    Class<?> type;
    try {
      type = Class.forName(className);
    } catch (ClassNotFoundException e) {
      throw new IllegalArgumentException("no class " + className + " on the jobs' classpath", e);
    }
    for (Method method : type.getMethods()) {
      if (method.getName().equals(name) && Modifier.isStatic(method.getModifiers()) && accepts(method, args)) {
        try {
          return method.invoke(null, args.toArray());
        } catch (IllegalAccessException e) {
          throw new IllegalStateException(e);
        } catch (InvocationTargetException e) {
          throw new IllegalArgumentException(className + "." + name + " failed: " + e.getCause(), e.getCause());
        }
      }
    }
    throw new IllegalArgumentException("no public static " + className + "." + name + " taking " + args.size()
        + " arguments of types " + args.stream().map(a -> a.getClass().getSimpleName()).toList());
  }

  private static boolean accepts(Method method, List<Object> args) {
    Class<?>[] parameters = method.getParameterTypes();
    if (parameters.length != args.size()) {
      return false;
    }
    for (int i = 0; i < parameters.length; i++) {
      if (!parameters[i].isInstance(args.get(i))) {
        return false;
      }
    }
    return true;
  }

  private List<Object> arguments(String text) {
    List<Object> values = new ArrayList<>();
    for (String arg : splitTopLevel(text)) {
      values.add(argument(arg));
    }
    return values;
  }

  private Object argument(String text) {
    String arg = text.strip();
    if (arg.equals("spark")) {
      return spark;
    }
    if (arg.startsWith("s\"") && arg.endsWith("\"")) {
      Matcher m = INTERPOLATED.matcher(arg.substring(2, arg.length() - 1));
      StringBuilder out = new StringBuilder();
      while (m.find()) {
        m.appendReplacement(out, Matcher.quoteReplacement(String.valueOf(variable(m.group(1)))));
      }
      return m.appendTail(out).toString();
    }
    if (arg.startsWith("\"") && arg.endsWith("\"")) {
      return arg.substring(1, arg.length() - 1);
    }
    Matcher list = AS_LIST.matcher(arg);
    if (list.matches()) {
      return arguments(list.group(1));
    }
    if (arg.matches("\\w+")) {
      return variable(arg);
    }
    throw new IllegalArgumentException("not an argument this test runs: " + arg);
  }

  private Object variable(String name) {
    if (!variables.containsKey(name)) {
      throw new IllegalArgumentException("variable " + name + " is not defined");
    }
    return variables.get(name);
  }

  /** {@code text} split at the commas outside quotes and parentheses. */
  private static List<String> splitTopLevel(String text) {
    List<String> parts = new ArrayList<>();
    int depth = 0;
    boolean quoted = false;
    int start = 0;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '"') {
        quoted = !quoted;
      } else if (!quoted && c == '(') {
        depth++;
      } else if (!quoted && c == ')') {
        depth--;
      } else if (!quoted && depth == 0 && c == ',') {
        parts.add(text.substring(start, i));
        start = i + 1;
      }
    }
    if (!text.isBlank()) {
      parts.add(text.substring(start));
    }
    return parts;
  }
}
