package xent.inventory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import xent.model.ModelSpec;

/**
 * Checkpoint folders named by one spec, {@code [NAME=]PATH}: PATH is a checkpoint folder, a folder
 * holding checkpoint folders at any depth (for {@code xent models}; {@code --model} takes a glob for
 * that, and a folder as one checkpoint), or a glob of checkpoint folders ({@code suites/pythia/*}{@code
 * /step*}). Each checkpoint is one model named by its path relative to the spec's base (the folder,
 * or the glob's part before its first wildcard), segments joined by '.', after {@code NAME.} when
 * the spec has a NAME: {@code pythia=suites/pythia/*}{@code /step*} gives {@code
 * pythia.70m.step1000}. A single checkpoint folder is named NAME, or its folder name.
 *
 * <p>The order is sorted by name, so the same folders always give the same models (and a score run
 * resumes over them).
 *
 * @param name the spec's NAME, or null
 * @param path the spec's PATH or glob
 */
public record ModelSuite(String name, String path) {

  private static final String GLOB_CHARS = "*?[{";

  public ModelSuite {
    if (path == null || path.isBlank()) {
      throw new IllegalArgumentException("model spec '" + (name == null ? "" : name + "=") + "' has no PATH");
    }
  }

  /** Parses {@code [NAME=]PATH}. */
  public static ModelSuite parse(String spec) {
    int eq = spec.indexOf('=');
    if (eq == 0 || eq == spec.length() - 1) {
      throw new IllegalArgumentException("model spec '" + spec + "' must be NAME=PATH");
    }
    return eq < 0 ? new ModelSuite(null, spec) : new ModelSuite(spec.substring(0, eq), spec.substring(eq + 1));
  }

  /** Whether PATH is a glob. */
  public boolean isGlob() {
    return path.chars().anyMatch(c -> GLOB_CHARS.indexOf(c) >= 0);
  }

  /** Whether {@code folder} holds a checkpoint: a Hugging Face config.json or llama2.c model.bin. */
  public static boolean isCheckpoint(Path folder) {
    return Files.isRegularFile(folder.resolve("config.json")) || Files.isRegularFile(folder.resolve("model.bin"));
  }

  /**
   * The models of this spec, sorted by name; a missing PATH, a glob or folder without checkpoints,
   * and two folders given the same name are errors naming the spec.
   */
  public List<ModelSpec> members() throws IOException {
    List<ModelSpec> specs = membersOrNone();
    if (specs.isEmpty()) {
      throw new IOException("model spec '" + this + "' matches no checkpoint folder (config.json or model.bin)");
    }
    return specs;
  }

  /** {@link #members()}, but an empty list where that finds no checkpoint. */
  public List<ModelSpec> membersOrNone() throws IOException {
    Path given = Path.of(path);
    List<Path> folders;
    Path base;
    if (isGlob()) {
      int slash = lastSlashBeforeWildcard();
      base = slash < 0 ? Path.of("") : Path.of(slash == 0 ? "/" : path.substring(0, slash));
      folders = matching(base, path.substring(slash + 1));
    } else if (!Files.exists(given)) {
      throw new IOException("model spec '" + this + "': " + given + " does not exist");
    } else if (isCheckpoint(given) || !Files.isDirectory(given)) {
      String single = name != null ? name : given.toAbsolutePath().normalize().getFileName().toString();
      return List.of(new ModelSpec(single, given));
    } else {
      base = given;
      folders = below(given);
    }
    Map<String, Path> seen = new HashMap<>();
    List<ModelSpec> specs = new ArrayList<>();
    for (Path folder : folders) {
      String relative = String.join(".", segments(base.relativize(folder)));
      String model = name == null ? relative : name + "." + relative;
      Path other = seen.put(model, folder);
      if (other != null) {
        throw new IOException("model spec '" + this + "': " + other + " and " + folder + " are both named '" + model + "'");
      }
      try {
        specs.add(new ModelSpec(model, folder));
      } catch (IllegalArgumentException e) {
        throw new IOException("model spec '" + this + "', folder " + folder + ": " + e.getMessage(), e);
      }
    }
    specs.sort((a, b) -> a.name().compareTo(b.name()));
    return specs;
  }

  /**
   * The models a {@code --model} spec scores: a glob's members, else exactly one model, PATH as
   * given (checked later as one checkpoint, so a folder without one is reported as such).
   */
  public List<ModelSpec> models() throws IOException {
    return isGlob() ? members() : List.of(ModelSpec.parse(toString()));
  }

  /** The members of every spec, in order; two specs naming the same model is an error. */
  public static List<ModelSpec> members(List<ModelSuite> suites) throws IOException {
    return union(suites, ModelSuite::members);
  }

  /** The {@link #models()} of every spec, in order; two specs naming the same model is an error. */
  public static List<ModelSpec> models(List<ModelSuite> suites) throws IOException {
    return union(suites, ModelSuite::models);
  }

  private interface Expansion {
    List<ModelSpec> of(ModelSuite suite) throws IOException;
  }

  private static List<ModelSpec> union(List<ModelSuite> suites, Expansion expansion) throws IOException {
    List<ModelSpec> all = new ArrayList<>();
    Map<String, ModelSuite> owner = new HashMap<>();
    for (ModelSuite suite : suites) {
      for (ModelSpec spec : expansion.of(suite)) {
        ModelSuite other = owner.put(spec.name(), suite);
        if (other != null) {
          throw new IOException("model '" + spec.name() + "' comes from both '" + other + "' and '" + suite + "'");
        }
        all.add(spec);
      }
    }
    return all;
  }

  /** Where the glob's base folder ends: the last '/' before its first wildcard, or -1. */
  private int lastSlashBeforeWildcard() {
    int wildcard = 0;
    while (GLOB_CHARS.indexOf(path.charAt(wildcard)) < 0) {
      wildcard++;
    }
    return path.lastIndexOf('/', wildcard);
  }

  /** Checkpoint folders under {@code base} whose relative path matches {@code glob}. */
  private static List<Path> matching(Path base, String glob) throws IOException {
    PathMatcher matcher = FileSystems.getDefault().getPathMatcher("glob:" + glob);
    int depth = glob.contains("**") ? Integer.MAX_VALUE : glob.split("/").length;
    Path root = base.toString().isEmpty() ? Path.of(".") : base;
    if (!Files.isDirectory(root)) {
      return List.of();
    }
    try (Stream<Path> walk = Files.walk(root, depth)) {
      return walk.filter(Files::isDirectory)
          .filter(p -> !p.equals(root) && matcher.matches(root.relativize(p)) && isCheckpoint(p))
          .map(p -> base.toString().isEmpty() ? root.relativize(p) : p).sorted().toList();
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
  }

  /**
   * Checkpoint folders at any depth below {@code folder}, inside checkpoints too: xent train writes
   * its intermediate step-K checkpoints inside the final one.
   */
  private static List<Path> below(Path folder) throws IOException {
    List<Path> found = new ArrayList<>();
    try (Stream<Path> children = Files.list(folder)) {
      for (Path child : children.filter(Files::isDirectory).sorted().toList()) {
        if (isCheckpoint(child)) {
          found.add(child);
        }
        found.addAll(below(child));
      }
    }
    return found;
  }

  private static List<String> segments(Path relative) {
    List<String> out = new ArrayList<>();
    relative.forEach(p -> out.add(p.toString()));
    return out;
  }

  @Override
  public String toString() {
    return name == null ? path : name + "=" + path;
  }
}
