package xent.reference;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The resident memory of this test JVM from /proc/self/status (Linux): what native memory a test
 * leaks shows here and nowhere on the heap. The bench command's own reader is jobs' ProcessMemory.
 */
public final class ResidentMemory {

  private ResidentMemory() {}

  /** Current resident set size in MB (VmRSS). */
  public static long currentMegabytes() {
    return field("VmRSS:");
  }

  /** Peak resident set size in MB (VmHWM). */
  public static long peakMegabytes() {
    return field("VmHWM:");
  }

  private static long field(String name) {
    try (var lines = Files.lines(Path.of("/proc/self/status"))) {
      return lines.filter(l -> l.startsWith(name)).findFirst()
          .map(l -> Long.parseLong(l.substring(name.length()).replace("kB", "").trim()) / 1024)
          .orElseThrow(() -> new IllegalStateException("no " + name + " in /proc/self/status"));
    } catch (IOException e) {
      throw new IllegalStateException("cannot read /proc/self/status: " + e.getMessage(), e);
    }
  }
}
