package xent.model;

import ai.djl.Device;
import ai.djl.ndarray.types.DataType;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The models of one JVM: each is loaded once and shared by every task that asks for it.
 *
 * <p>Callers {@link #acquire} a model and {@link Lease#close release} it when their task ends.
 * Before loading another model, idle models are evicted, least recently used first, while the
 * machine's available memory is below what the new model needs.
 */
public final class ModelCache {

  private static final Logger LOG = LoggerFactory.getLogger(ModelCache.class);

  /** Key of a loaded model: the same folder on another device or dtype is another model. */
  private record Key(Path path, Device device, DataType dtype) {}

  private static final class Entry {
    final LoadedModel model;
    int users;

    Entry(LoadedModel model) {
      this.model = model;
    }
  }

  private static final ModelCache SHARED = new ModelCache();

  /** Access order gives the least recently used first. */
  private final Map<Key, Entry> entries = new LinkedHashMap<>(16, 0.75f, true);

  /** The JVM's cache. */
  public static ModelCache shared() {
    return SHARED;
  }

  /** A model in use; closing it releases it to the cache (it stays loaded). */
  public final class Lease implements AutoCloseable {
    private final Key key;
    private final LoadedModel model;
    private boolean closed;

    private Lease(Key key, LoadedModel model) {
      this.key = key;
      this.model = model;
    }

    public LoadedModel model() {
      return model;
    }

    @Override
    public void close() {
      synchronized (ModelCache.this) {
        if (!closed) {
          closed = true;
          entries.get(key).users--;
        }
      }
    }
  }

  /**
   * The model of {@code spec}, loading it on first use. Loading holds the cache's lock: tasks
   * that want the same model wait for one load instead of loading it twice.
   */
  public synchronized Lease acquire(ModelSpec spec, Device device, DataType dtype) throws IOException {
    Key key = new Key(spec.path().toAbsolutePath().normalize(), device, dtype);
    Entry entry = entries.get(key);
    if (entry == null) {
      evictFor(weightBytes(key.path()));
      LOG.info("loading model {} on {}", spec, device);
      entry = new Entry(LoadedModel.load(new ModelSpec(spec.name(), key.path()), device, dtype));
      entries.put(key, entry);
    }
    entry.users++;
    return new Lease(key, entry.model);
  }

  /** Closes idle models, least recently used first, until {@code needed} bytes look available. */
  private void evictFor(long needed) {
    List<Key> idle = new ArrayList<>();
    entries.forEach((k, e) -> {
      if (e.users == 0) {
        idle.add(k);
      }
    });
    for (Key k : idle) {
      if (availableBytes() >= needed * 2) {
        return;
      }
      LOG.info("evicting idle model {} to make room", k.path());
      entries.remove(k).model.close();
    }
  }

  /** Closes every idle model (for tests and long-lived notebook sessions). */
  public synchronized void evictIdle() {
    entries.values().removeIf(e -> {
      if (e.users == 0) {
        e.model.close();
        return true;
      }
      return false;
    });
  }

  /** Number of models loaded in this JVM. */
  public synchronized int size() {
    return entries.size();
  }

  /** Bytes of weight files under a model path (what float32 weights will take, roughly). */
  private static long weightBytes(Path path) {
    if (!Files.isDirectory(path)) {
      return path.toFile().length();
    }
    try (Stream<Path> files = Files.list(path)) {
      return files.filter(f -> f.toString().endsWith(".safetensors") || f.toString().endsWith(".bin"))
          .mapToLong(f -> f.toFile().length())
          .sum();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list model folder " + path, e);
    }
  }

  /** MemAvailable of /proc/meminfo, or the JVM's free heap where there is no /proc. */
  private static long availableBytes() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/meminfo"))) {
        if (line.startsWith("MemAvailable:")) {
          return Long.parseLong(line.replaceAll("\\D", "")) * 1024;
        }
      }
    } catch (IOException | NumberFormatException e) {
      // not Linux: fall through
    }
    return Runtime.getRuntime().maxMemory() - Runtime.getRuntime().totalMemory()
        + Runtime.getRuntime().freeMemory();
  }
}
