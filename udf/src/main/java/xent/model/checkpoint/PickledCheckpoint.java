package xent.model.checkpoint;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import java.util.zip.ZipFile;

/**
 * Recognises pickled PyTorch weights by content, whatever their name, so that they can be refused:
 * unpickling runs arbitrary code. Two shapes exist: the zip archive of {@code torch.save} (since
 * PyTorch 1.6) holding a {@code data.pkl} entry, and a raw pickle stream (byte 0x80, then protocol
 * 2 to 5). A llama2.c model whose first header int happens to start with those two bytes (dim 640
 * does) is told apart by its header implying exactly the file's size.
 */
public final class PickledCheckpoint {

  private PickledCheckpoint() {}

  /** Whether {@code file} holds pickled PyTorch weights. */
  public static boolean isPickle(Path file) {
    byte[] start = new byte[4];
    int n;
    try (InputStream in = Files.newInputStream(file)) {
      n = in.readNBytes(start, 0, 4);
    } catch (IOException e) {
      return false;
    }
    if (n == 4 && start[0] == 'P' && start[1] == 'K' && start[2] == 3 && start[3] == 4) {
      return holdsDataPkl(file);
    }
    boolean pickleStart = n >= 2 && (start[0] & 0xff) == 0x80 && start[1] >= 2 && start[1] <= 5;
    return pickleStart && !Llama2cHeader.fitsFile(file);
  }

  private static boolean holdsDataPkl(Path file) {
    try (ZipFile zip = new ZipFile(file.toFile())) {
      return zip.stream().anyMatch(
          e -> e.getName().equals("data.pkl") || e.getName().endsWith("/data.pkl"));
    } catch (IOException e) {
      return false;
    }
  }

  /** The first pickle in {@code path}: the file itself, or a file directly inside the folder. */
  public static Optional<Path> find(Path path) throws IOException {
    if (!Files.isDirectory(path)) {
      return Files.isRegularFile(path) && isPickle(path) ? Optional.of(path) : Optional.empty();
    }
    List<Path> files;
    try (Stream<Path> listing = Files.list(path)) {
      files = listing.filter(Files::isRegularFile).sorted().toList();
    }
    return files.stream().filter(PickledCheckpoint::isPickle).findFirst();
  }

  /** The error that refuses {@code file}, saying why and how to convert it. */
  public static MalformedCheckpointException refusal(Path file) {
    return new MalformedCheckpointException(file + ": pickle checkpoints are not read; convert"
        + " to safetensors (e.g. with transformers' save_pretrained(safe_serialization=True))");
  }
}
