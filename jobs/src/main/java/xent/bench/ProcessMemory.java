package xent.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Resident memory of this process, from /proc/self/status (Linux); -1 elsewhere. */
public final class ProcessMemory {

  private ProcessMemory() {}

  /** Peak resident set size in MB (VmHWM). */
  public static long peakMegabytes() {
    return megabytes("VmHWM:");
  }

  private static long megabytes(String field) {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
        if (line.startsWith(field)) {
          return Long.parseLong(line.replaceAll("\\D", "")) / 1024;
        }
      }
    } catch (IOException | NumberFormatException e) {
      // not Linux
    }
    return -1;
  }
}
