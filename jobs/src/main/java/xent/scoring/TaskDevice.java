package xent.scoring;

import ai.djl.Device;
import org.apache.spark.TaskContext;
import org.apache.spark.resource.ResourceInformation;

/**
 * Where a task runs its model: the GPU Spark's resource scheduling assigned to the task, if any,
 * otherwise the CPU with as many PyTorch threads as the task has cores.
 */
public final class TaskDevice {

  private TaskDevice() {}

  /** The first GPU address in the task's resources, or the CPU. */
  public static Device of(TaskContext task) {
    if (task != null) {
      ResourceInformation gpu = task.resourcesJMap().get("gpu");
      if (gpu != null && gpu.addresses().length > 0) {
        return Device.gpu(Integer.parseInt(gpu.addresses()[0]));
      }
    }
    return Device.cpu();
  }

  /** spark.task.cpus, the cores this task may use. */
  public static int threads(TaskContext task) {
    if (task == null) {
      return 0;
    }
    return task.cpus();
  }
}
