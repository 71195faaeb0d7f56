package io.agentq.infra.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.sun.net.httpserver.HttpServer;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A form post whose connection drops is sent again in a sandbox (nothing is recorded there), and
 * never on a live site, where only the site's records can say whether it took effect.
 */
class HttpDriverRetryTest {
  HttpServer server;
  final AtomicInteger posts = new AtomicInteger();
  final AtomicInteger keysSeen = new AtomicInteger();

  @BeforeEach
  void start() throws Exception {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext(
        "/buy",
        ex -> {
          if (ex.getRequestHeaders().containsKey("Idempotency-Key")) {
            keysSeen.incrementAndGet();
          }
          if (posts.incrementAndGet() == 1) {
            ex.close(); // the first post's connection drops before any answer
            return;
          }
          byte[] body =
              "<html><head><title>Done</title></head><body>ok</body></html>"
                  .getBytes(StandardCharsets.UTF_8);
          ex.sendResponseHeaders(200, body.length);
          ex.getResponseBody().write(body);
          ex.close();
        });
    server.start();
  }

  @AfterEach
  void stop() {
    server.stop(0);
  }

  ElementTarget buyButton() {
    String action = "http://127.0.0.1:" + server.getAddress().getPort() + "/buy";
    return new ElementTarget(
        "#buy", "submit", null, new ElementTarget.Form(action, "post", List.of()), "", "", true);
  }

  @Test
  void aSandboxPostIsSentAgainAfterADroppedConnection() {
    HttpDriver sandbox = new HttpDriver(HttpDriver.newClient(), true);
    assertEquals("Done", sandbox.click(buyButton()).observation().title());
    assertEquals(2, posts.get());
  }

  @Test
  void aLivePostIsSentOnceEvenWithAKey() {
    HttpDriver live = new HttpDriver(HttpDriver.newClient(), false);
    assertThrows(
        UncheckedIOException.class,
        () -> live.click(buyButton(), Map.of("Idempotency-Key", "e:irreversible:1")));
    assertEquals(1, posts.get(), "one request: its outcome is for the site's records to say");
    assertEquals(1, keysSeen.get(), "the key went with it");
  }
}
