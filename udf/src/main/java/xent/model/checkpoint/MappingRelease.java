package xent.model.checkpoint;

import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.nio.MappedByteBuffer;

/**
 * Unmaps a file mapping at once. Java offers no public way to do it (a mapping lives until its
 * buffer is garbage collected), so this calls {@code sun.misc.Unsafe.invokeCleaner}, as Lucene
 * and Netty do; where that is unavailable the mapping is left to the collector.
 */
final class MappingRelease {

  private static final Object UNSAFE;
  private static final Method INVOKE_CLEANER;

  static {
    Object unsafe = null;
    Method cleaner = null;
    try {
      Class<?> type = Class.forName("sun.misc.Unsafe");
      Field field = type.getDeclaredField("theUnsafe");
      field.setAccessible(true);
      unsafe = field.get(null);
      cleaner = type.getMethod("invokeCleaner", java.nio.ByteBuffer.class);
    } catch (ReflectiveOperationException | RuntimeException e) {
      unsafe = null;
      cleaner = null;
    }
    UNSAFE = unsafe;
    INVOKE_CLEANER = cleaner;
  }

  private MappingRelease() {}

  static void release(MappedByteBuffer mapping) {
    if (INVOKE_CLEANER == null) {
      return;
    }
    try {
      INVOKE_CLEANER.invoke(UNSAFE, mapping);
    } catch (ReflectiveOperationException | RuntimeException e) {
      // a slice or an already released buffer: the collector will unmap it
    }
  }
}
