package xent.notebook;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import java.util.Arrays;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * A table read from a job's output, given the columns a reader promises: each column of the
 * schema, cast to its type, in its order; a column the files lack (an optional one such as the
 * map's metadata without {@code --model-dirs}) is null; columns the schema does not name are left out.
 */
final class ExplicitSchema {

  private ExplicitSchema() {}

  static Dataset<Row> of(Dataset<Row> table, StructType schema) {
    List<String> present = Arrays.asList(table.columns());
    Column[] columns = new Column[schema.size()];
    for (int i = 0; i < columns.length; i++) {
      StructField f = schema.fields()[i];
      Column value = present.contains(f.name()) ? col("`" + f.name() + "`") : lit(null);
      columns[i] = value.cast(f.dataType()).as(f.name());
    }
    return table.select(columns);
  }

  /** {@code fields} as a schema whose columns may all be null. */
  static StructType nullable(StructField... fields) {
    return new StructType(Arrays.stream(fields)
        .map(f -> new StructField(f.name(), f.dataType(), true, f.metadata()))
        .toArray(StructField[]::new));
  }
}
