package xent.detection;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.xxhash64;
import static org.apache.spark.sql.types.DataTypes.IntegerType;
import static org.apache.spark.sql.types.DataTypes.StringType;
import static org.apache.spark.sql.types.DataTypes.createStructField;

import ai.djl.ndarray.types.DataType;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.SplittableRandom;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import xent.generate.Sampler;
import xent.generate.SamplingOptions;
import xent.model.LoadedModel;
import xent.model.ModelCache;
import xent.model.TorchEngine;
import xent.scoring.Corpus;
import xent.scoring.CorpusOptions;
import xent.scoring.ModelRef;
import xent.scoring.TaskDevice;

/**
 * {@code xent sample}: machine texts for the machine-text benchmark. Each drawn document's first
 * tokens are a prompt; the model continues it on an executor; the human text is the document's
 * own continuation of the same prompt, cut to as many tokens as the model drew, so that both
 * sides of a pair have one context and one length. Writes OUT/machine and OUT/human (Parquet
 * corpora: id, domain, text; one row each per continued document, with the same ids) and
 * OUT/skipped (doc_id, reason) for documents too short to prompt.
 */
public final class SampleJob {

  private static final StructType SCHEMA = new StructType(new StructField[] {
      createStructField("id", StringType, false),
      createStructField("domain", StringType, true),
      createStructField("machine", StringType, true),
      createStructField("human", StringType, true),
      createStructField("new_tokens", IntegerType, false),
      createStructField("reason", StringType, true)});

  private SampleJob() {}

  /**
   * Counts of a run.
   *
   * @param continued documents with a machine and a human text
   * @param skipped documents too short, or whose continuation ended at once
   */
  public record Totals(long continued, long skipped) {}

  public static Totals run(SparkSession spark, SampleOptions options) throws IOException {
    Corpus.check(spark, options.prompts());
    int parallel = spark.sparkContext().defaultParallelism();
    Dataset<Row> drawn = Corpus.read(spark, options.prompts()).where(col("reject").isNull())
        .orderBy(xxhash64(col("doc_id"), lit(options.seed())), col("doc_id"))
        .limit(options.n())
        .select("doc_id", "domain", "text")
        .repartition(parallel, col("doc_id"))
        .sortWithinPartitions("doc_id"); // one partitioning and order per input: reruns batch alike
    Dataset<Row> samples = drawn.mapPartitions(new SamplePartition(ModelRef.of(options.model()), options.sampling(),
        options.promptTokens(), options.batch(), options.seed()),
        Encoders.row(SCHEMA)).cache();
    try {
      String out = options.out();
      Dataset<Row> continued = samples.where(col("reason").isNull()).orderBy("id");
      continued.select(col("id"), col("domain"), col("machine").as("text"))
          .write().mode(SaveMode.Overwrite).parquet(out + "/machine");
      continued.select(col("id"), col("domain"), col("human").as("text"))
          .write().mode(SaveMode.Overwrite).parquet(out + "/human");
      Dataset<Row> skipped = samples.where(col("reason").isNotNull()).select(col("id").as("doc_id"), col("reason"));
      skipped.write().mode(SaveMode.Overwrite).parquet(out + "/skipped");
      return new Totals(continued.count(), skipped.count());
    } finally {
      samples.unpersist();
    }
  }

  /** The seed of one document's continuation: from the run's seed and the id alone. */
  static long seedOf(long seed, String docId) {
    return new SplittableRandom(seed ^ ((long) docId.hashCode() << 32 | (docId.length() & 0xffffffffL))).nextLong();
  }

  /** Continues one partition's documents, {@code batch} prompts at a time. */
  private static final class SamplePartition implements MapPartitionsFunction<Row, Row> {

    private final ModelRef model;
    private final SamplingOptions sampling;
    private final int promptTokens;
    private final int batch;
    private final long seed;

    SamplePartition(ModelRef model, SamplingOptions sampling, int promptTokens, int batch, long seed) {
      this.model = model;
      this.sampling = sampling;
      this.promptTokens = promptTokens;
      this.batch = batch;
      this.seed = seed;
    }

    @Override
    public Iterator<Row> call(Iterator<Row> input) throws Exception {
      if (!input.hasNext()) {
        return input;
      }
      TaskContext task = TaskContext.get();
      TorchEngine.start(TaskDevice.threads(task));
      List<Row> out = new ArrayList<>();
      try (ModelCache.Lease lease = ModelCache.shared().acquire(model.localSpec(), TaskDevice.of(task),
              DataType.FLOAT32);
          Sampler sampler = new Sampler(lease.model(), sampling)) {
        LoadedModel lm = lease.model();
        int needed = promptTokens + sampling.newTokens();
        List<Row> group = new ArrayList<>();
        List<int[]> tokens = new ArrayList<>();
        while (input.hasNext()) {
          Row doc = input.next();
          int[] ids = lm.tokenizer().encode(doc.getString(2));
          if (ids.length < needed) {
            out.add(RowFactory.create(doc.getString(0), doc.getString(1), null, null, 0,
                "too short to prompt: " + ids.length + " tokens, " + needed + " needed"));
            continue;
          }
          group.add(doc);
          tokens.add(ids);
          if (group.size() == batch || !input.hasNext()) {
            continueGroup(sampler, lm, group, tokens, out);
            group.clear();
            tokens.clear();
          }
        }
        if (!group.isEmpty()) {
          continueGroup(sampler, lm, group, tokens, out);
        }
      }
      return out.iterator();
    }

    private void continueGroup(Sampler sampler, LoadedModel lm, List<Row> group, List<int[]> tokens, List<Row> out) {
      int p = promptTokens;
      List<int[]> prompts = tokens.stream().map(ids -> Arrays.copyOf(ids, p)).toList();
      long[] seeds = group.stream().mapToLong(d -> seedOf(seed, d.getString(0))).toArray();
      List<int[]> drawn = sampler.sample(prompts, seeds);
      for (int i = 0; i < group.size(); i++) {
        Row doc = group.get(i);
        int[] machine = drawn.get(i);
        if (machine.length == 0) {
          out.add(RowFactory.create(doc.getString(0), doc.getString(1), null, null, 0,
              "the model drew EOS right after the prompt"));
          continue;
        }
        int[] human = Arrays.copyOfRange(tokens.get(i), p, p + machine.length);
        out.add(RowFactory.create(doc.getString(0), doc.getString(1), lm.tokenizer().decode(machine),
            lm.tokenizer().decode(human), machine.length, null));
      }
    }
  }
}
