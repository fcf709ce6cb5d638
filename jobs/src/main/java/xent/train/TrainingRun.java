package xent.train;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import xent.tokenize.HfTokenizer;

/**
 * One {@code xent train}: reads the corpus, makes the tokenizer, trains, and writes a Hugging
 * Face folder (config.json, model.safetensors, tokenizer.json, training.json) into {@code out},
 * with the same layout in {@code out/step-K/} every K steps.
 *
 * @param options what to train
 * @param tokenizer how to tokenize
 * @param corpus training JSONL
 * @param valid validation JSONL, or null
 * @param domainColumn the JSONL field naming the domain
 * @param weights mixture weights by domain, or null for natural weights
 * @param out output folder
 */
public record TrainingRun(
    TrainingOptions options,
    TokenizerChoice tokenizer,
    Path corpus,
    Path valid,
    String domainColumn,
    Map<String, Double> weights,
    Path out) {

  /** Trains and writes everything; progress lines go to {@code log}. Returns the final record. */
  public TrainingRecord run(PrintStream log) throws IOException {
    TrainingCorpus train = TrainingCorpus.read(corpus, domainColumn);
    TrainingCorpus held = valid == null ? null : TrainingCorpus.read(valid, domainColumn);
    if (tokenizer.kind() != TokenizerChoice.Kind.COPY) {
      Files.createDirectories(out);
      tokenizer.write(out, train.texts()); // a copied one is copied by train()
    }
    TokenizedCorpus trainTokens;
    TokenizedCorpus heldTokens;
    String tokenizerSha256 = TokenizedCorpus.digest(tokenizerFolder().resolve("tokenizer.json"));
    try (HfTokenizer tok = HfTokenizer.open(tokenizerFolder())) {
      trainTokens = TokenizedCorpus.of(train, tok, tokenizerSha256);
      heldTokens = held == null ? null : TokenizedCorpus.of(held, tok, tokenizerSha256);
    }
    return train(log, trainTokens, heldTokens);
  }

  /** A copied tokenizer may take its special ids from its folder's config.json: open it there. */
  private Path tokenizerFolder() {
    return tokenizer.kind() == TokenizerChoice.Kind.COPY ? tokenizer.source() : out;
  }

  /**
   * Trains on corpora tokenized before (a grid tokenizes its corpus once for all its runs) and
   * writes everything. The tokenizer must already be in its folder: a copied one is copied into
   * {@code out}, any other is expected there.
   *
   * @param trainTokens the streams of {@link #corpus}
   * @param heldTokens the streams of {@link #valid}, or null
   */
  public TrainingRecord train(PrintStream log, TokenizedCorpus trainTokens, TokenizedCorpus heldTokens)
      throws IOException {
    Files.createDirectories(out);
    if (tokenizer.kind() == TokenizerChoice.Kind.COPY) {
      tokenizer.write(out, List.of());
    }
    ValidationSet validation = heldTokens == null ? null
        : new ValidationSet(heldTokens.streams(), options.context(), options.validWindows());
    HfTokenizer tok = HfTokenizer.open(tokenizerFolder()); // owned by the trainer from here
    try (Trainer trainer = new Trainer(options, tok, trainTokens.streams(), weights)) {
      log.printf("xent train: %s %s, N = %,d non-embedding (%,d total) parameters, %d steps of"
              + " %,d tokens, tokenizer %s (%d ids)%n",
          options.family().name().toLowerCase(), out.getFileName(),
          trainer.model().config().nonEmbeddingParameters(),
          trainer.model().config().totalParameters(), options.steps(), options.tokensPerStep(),
          tokenizer, tok.vocabSize());
      List<TrainingRecord.Evaluation> evaluations = new ArrayList<>();
      double seconds = 0;
      int every = options.checkpointEvery();
      int printEvery = Math.max(1, options.steps() / 20);
      double[] rates = options.learningRates().all();
      TrainingRecord record = null;
      while (trainer.stepsDone() < options.steps()) {
        long start = System.nanoTime();
        float loss = trainer.step();
        seconds += (System.nanoTime() - start) / 1e9;
        int step = trainer.stepsDone();
        boolean last = step == options.steps();
        boolean checkpoint = every > 0 && step % every == 0;
        if (validation != null && !validation.isEmpty() && (checkpoint || last)) {
          evaluations.add(new TrainingRecord.Evaluation(step, trainer.validationLoss(validation)));
        }
        if (step % printEvery == 0 || checkpoint || last) {
          record = record(trainer, trainTokens.corpusSha256(), rates, evaluations, seconds);
        }
        if (step % printEvery == 0 || last) {
          log.printf("  step %d/%d  loss %.4f  lr %.2e  %,.0f tokens/s%n", step, options.steps(),
              loss, rates[step - 1], record.tokensPerSecond());
        }
        if (checkpoint && !last) {
          write(out.resolve(String.format("step-%06d", step)), trainer, record);
        }
      }
      write(out, trainer, record);
      log.printf("xent train: %s: %,.0f training tokens/s, %.1f s, final loss %.4f%s%n", out,
          record.tokensPerSecond(), record.wallSeconds(), loss(record),
          evaluations.isEmpty() ? "" : String.format(", validation %.4f",
              evaluations.get(evaluations.size() - 1).loss().get(ValidationSet.ALL)));
      return record;
    }
  }

  private TrainingRecord record(Trainer trainer, String corpusSha256, double[] rates,
      List<TrainingRecord.Evaluation> evaluations, double seconds) {
    int step = trainer.stepsDone();
    return new TrainingRecord(trainer.model().config(), options, tokenizer.toString(), corpus,
        corpusSha256, valid, trainer.mixture(), step,
        Arrays.copyOf(rates, step), trainer.losses(),
        List.copyOf(evaluations), seconds);
  }

  private void write(Path folder, Trainer trainer, TrainingRecord record) throws IOException {
    CheckpointFolder.write(folder, trainer.model().lm(), out);
    record.write(folder.resolve("training.json"));
  }

  private static float loss(TrainingRecord record) {
    float[] losses = record.losses();
    return losses.length == 0 ? Float.NaN : losses[losses.length - 1];
  }
}
