package io.agentq.infra.training;

import java.nio.file.Path;

/**
 * DJL's PyTorch engine as this project runs it: offline (the natives come from the Maven jar
 * pytorch-native-cpu, never from the network), unpacked into a project folder. The launcher and the
 * build set these properties; this fills them in for any other entry point.
 */
final class DjlEngine {
  private DjlEngine() {}

  static void configure() {
    setIfAbsent("ai.djl.offline", "true");
    String cache =
        System.getProperty(
            "DJL_CACHE_DIR", Path.of(".cache", "djl").toAbsolutePath().normalize().toString());
    setIfAbsent("DJL_CACHE_DIR", cache);
    setIfAbsent("ENGINE_CACHE_DIR", cache);
  }

  private static void setIfAbsent(String key, String value) {
    if (System.getProperty(key) == null && System.getenv(key) == null) {
      System.setProperty(key, value);
    }
  }
}
