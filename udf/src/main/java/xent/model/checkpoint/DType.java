package xent.model.checkpoint;

/** Element types of checkpoint tensors, with their safetensors names. */
public enum DType {
  F32(4),
  F16(2),
  BF16(2);

  private final int bytes;

  DType(int bytes) {
    this.bytes = bytes;
  }

  /** Bytes per element. */
  public int bytes() {
    return bytes;
  }

  /** The type named {@code name} in a safetensors header, or an error naming what is supported. */
  public static DType fromSafetensors(String name, String tensor) {
    try {
      return valueOf(name);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "tensor " + tensor + " has dtype " + name + "; xent reads F32, F16 and BF16");
    }
  }
}
