package io.agentq.environments.booking.site;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.agentq.environments.booking.BookingCheck;
import io.agentq.environments.booking.BookingTask;
import io.agentq.environments.booking.Reservation;
import io.agentq.environments.booking.Restaurant;
import io.agentq.environments.ledger.KeyContract;
import io.agentq.environments.ledger.KeyedOutcome;
import io.agentq.environments.shop.Html;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The OpenTable-like booking site, served over HTTP on 127.0.0.1 by the JDK's embedded server: a
 * system apart from the agent, with its own durable records (a {@link ReservationBook} in one
 * SQLite file). A task starts at {@code /start/{taskId}?session=ID[&sandbox=1]}, which opens (or
 * re-opens) the session and redirects to its first page. Every page's state is in its URL ({@link
 * BookingState}); the server keeps only sessions and records.
 *
 * <p>Two requests cannot be undone: "Complete reservation" ({@code POST /s/{session}/complete}) and
 * "Send answer and finish" ({@code POST /s/{session}/send}). On a live session they follow the
 * ledger kit's Idempotency-Key contract ({@link KeyContract}, applied by {@link BookingKeys}) and
 * are recorded with their episode (the {@code X-Agentq-Episode} header); on a sandbox session they
 * are scored and nothing is recorded, the done page's URL saying what would have been done. The
 * done page is terminal and declares the episode's reward, the task's {@link BookingCheck} over the
 * episode's reservations and its answer.
 */
public final class BookingServer implements AutoCloseable {
  static {
    // Without TCP_NODELAY the JDK server's small writes meet delayed ACKs: ~40 ms per request.
    if (System.getProperty("sun.net.httpserver.nodelay") == null) {
      System.setProperty("sun.net.httpserver.nodelay", "true");
    }
  }

  /** The request header naming the episode an irreversible request belongs to. */
  public static final String EPISODE = "X-Agentq-Episode";

  /** The parameter a question to the user comes in (the "Ask the user" box). */
  static final String ASK = "ask";

  /** The parameter the final answer comes in (the "Tell the user" box). */
  static final String TELL = "tell";

  /** The sandbox done page's parameter saying what would have been done. */
  static final String DID = "did";

  /**
   * How the booking site keeps its records.
   *
   * @param database the SQLite file of sessions, records and keys (created if missing; a site
   *     started on an existing file knows everything in it)
   * @param commitDelay a fault knob, default zero: how long the first request with a key waits
   *     before it writes its record ("the site is slow"); the key is in progress meanwhile
   * @param replyDelay a fault knob, default zero: how long a new record's answer waits after it is
   *     written ("recorded, but the answer is late")
   * @param keyRetention how long a key is kept, default {@link KeyContract#KEY_RETENTION}; older
   *     keys are purged when the site starts (their records never are)
   */
  public record Options(
      Path database, Duration commitDelay, Duration replyDelay, Duration keyRetention) {
    public Options {
      Objects.requireNonNull(database, "the booking site needs a database file path");
      requireNonNegative(commitDelay, "commitDelay");
      requireNonNegative(replyDelay, "replyDelay");
      requireNonNegative(keyRetention, "keyRetention");
    }

    private static void requireNonNegative(Duration d, String name) {
      if (d == null || d.isNegative()) {
        throw new IllegalArgumentException(
            "the booking site's " + name + " must be zero or more, not " + d);
      }
    }

    /** The defaults on {@code database}: no delays, keys kept 31 days. */
    public static Options at(Path database) {
      return new Options(database, Duration.ZERO, Duration.ZERO, KeyContract.KEY_RETENTION);
    }

    public Options withCommitDelay(Duration d) {
      return new Options(database, d, replyDelay, keyRetention);
    }

    public Options withReplyDelay(Duration d) {
      return new Options(database, commitDelay, d, keyRetention);
    }

    public Options withKeyRetention(Duration d) {
      return new Options(database, commitDelay, replyDelay, d);
    }
  }

  private final BookingData data;
  private final Options options;
  private final BookingPages pages;
  private final RestaurantSearch search;
  private final BookingCheck check;
  private final ReservationBook book;
  private final BookingKeys keys;
  private final BookingApi api;
  private final Map<String, BookingSession> sessions = new ConcurrentHashMap<>();
  private final HttpServer http;
  private final ExecutorService threads;

  private BookingServer(BookingData data, int port, Options options) throws IOException {
    this.data = data;
    this.options = options;
    this.pages = new BookingPages(data.catalog());
    this.search = new RestaurantSearch(data.catalog());
    this.check = new BookingCheck(data.catalog());
    this.book = ReservationBook.open(options.database());
    this.keys = new BookingKeys(book, options.commitDelay());
    this.api = new BookingApi(data, book, keys);
    try {
      book.keyLedger().purgeExpired(options.keyRetention());
      this.http = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 64);
    } catch (IOException | RuntimeException e) {
      book.close();
      throw e;
    }
    this.threads =
        Executors.newFixedThreadPool(
            8,
            r -> {
              Thread t = new Thread(r, "booking-http");
              t.setDaemon(true);
              return t;
            });
    http.setExecutor(threads);
    http.createContext("/", this::handle);
    http.start();
  }

  /** Starts the site on {@code port} (0 for any free port) with its records in {@code options}. */
  public static BookingServer start(BookingData data, int port, Options options) {
    try {
      return new BookingServer(data, port, options);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start the booking site on 127.0.0.1:" + port, e);
    }
  }

  public String baseUrl() {
    return "http://127.0.0.1:" + http.getAddress().getPort();
  }

  public BookingData data() {
    return data;
  }

  /** The records' file. */
  public Path database() {
    return book.file();
  }

  /** The URL that opens session {@code sessionId} on task {@code taskId}. */
  public String startUrl(int taskId, String sessionId, boolean sandbox) {
    return baseUrl()
        + "/start/"
        + taskId
        + "?session="
        + Html.enc(sessionId)
        + (sandbox ? "&sandbox=1" : "");
  }

  /** The records, for tests in this package. */
  ReservationBook book() {
    return book;
  }

  /** A request as the routes see it: the path split into decoded segments. */
  record Request(String method, String[] parts, Map<String, String> params, Headers headers) {
    String header(String name) {
      return headers.getFirst(name);
    }
  }

  /** An answer: status, body and its type, and an optional redirect and extra headers. */
  record Response(
      int status, String body, String type, String location, Map<String, String> headers) {
    static final String HTML = "text/html; charset=utf-8";
    static final String JSON = "application/json";

    static Response ok(String body) {
      return new Response(200, body, HTML, null, Map.of());
    }

    static Response html(int status, String body) {
      return new Response(status, body, HTML, null, Map.of());
    }

    static Response json(int status, String body) {
      return new Response(status, body, JSON, null, Map.of());
    }

    static Response redirect(String to) {
      return new Response(303, "", HTML, to, Map.of());
    }

    /** A page outside any session: a refusal or a missing thing, in one sentence. */
    static Response plain(int status, String title, String message) {
      return html(
          status,
          BookingPages.document(
              title, "", "<h1>" + Html.esc(title) + "</h1><p>" + Html.esc(message) + "</p>"));
    }

    Response withHeaders(Map<String, String> extra) {
      Map<String, String> more = new LinkedHashMap<>(headers);
      more.putAll(extra);
      return new Response(status, body, type, location, more);
    }
  }

  private void handle(HttpExchange ex) throws IOException {
    try (ex) {
      Response r;
      try {
        r = route(request(ex));
      } catch (IllegalArgumentException e) { // a bad %-escape, or a state URL that cannot be read
        r = Response.plain(400, "Bad request", "cannot read this request: " + e.getMessage());
      } catch (RuntimeException e) {
        // A bug in a page, or the database failing, must not kill the server thread silently.
        e.printStackTrace();
        r = Response.plain(500, "Booking site error", "the booking site failed: " + e.getMessage());
      }
      byte[] body = r.body().getBytes(StandardCharsets.UTF_8);
      ex.getResponseHeaders().set("Content-Type", r.type());
      ex.getResponseHeaders().set("Cache-Control", "no-store");
      if (r.location() != null) {
        ex.getResponseHeaders().set("Location", r.location());
      }
      r.headers().forEach(ex.getResponseHeaders()::set);
      ex.sendResponseHeaders(r.status(), body.length == 0 ? -1 : body.length);
      if (body.length > 0) {
        ex.getResponseBody().write(body);
      }
    }
  }

  private static Request request(HttpExchange ex) throws IOException {
    URI uri = ex.getRequestURI();
    Map<String, String> params = form(uri.getRawQuery());
    if (ex.getRequestMethod().equals("POST")) {
      params.putAll(form(new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)));
    }
    String[] parts = uri.getRawPath().split("/");
    for (int i = 0; i < parts.length; i++) {
      parts[i] = URLDecoder.decode(parts[i], StandardCharsets.UTF_8);
    }
    return new Request(ex.getRequestMethod(), parts, params, ex.getRequestHeaders());
  }

  /** A query string or form body as ordered parameters (a repeated name keeps its last value). */
  private static Map<String, String> form(String raw) {
    Map<String, String> out = new LinkedHashMap<>();
    if (raw == null || raw.isEmpty()) {
      return out;
    }
    for (String pair : raw.split("&")) {
      int eq = pair.indexOf('=');
      String k = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
      String v = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
      out.put(k, v);
    }
    return out;
  }

  private Response route(Request req) {
    String[] parts = req.parts();
    if (parts.length <= 1) {
      return Response.ok(landing());
    }
    switch (parts[1]) {
      case "go":
        // A person's browser sends no Idempotency-Key: the form opens a sandbox session.
        return Response.redirect(
            "/start/" + Html.enc(req.params().getOrDefault("task", "0").strip()) + "?sandbox=1");
      case "start":
        return parts.length == 3
            ? start(parts[2], req.params().get("session"), "1".equals(req.params().get("sandbox")))
            : Response.plain(404, "Not found", "start a task at /start/{taskId}?session=ID");
      case "api":
        return api.route(req);
      case "s":
        break;
      default:
        return Response.plain(404, "Not found", "no such page: " + String.join("/", parts));
    }
    if (parts.length < 3) {
      return Response.plain(404, "Not found", "no session given; start one at /start/{taskId}");
    }
    Optional<BookingSession> found = session(parts[2]);
    if (found.isEmpty()) {
      return Response.plain(
          404, "Not found", "no session " + parts[2] + "; start one at /start/{taskId}");
    }
    return page(req, found.get(), parts.length > 3 ? parts[3] : "");
  }

  private Response page(Request req, BookingSession s, String what) {
    Map<String, String> params = req.params();
    BookingState st = BookingState.of(params);
    String question = params.getOrDefault(ASK, "").strip();
    if (!question.isEmpty() && req.method().equals("GET") && !what.equals("done")) {
      // The question joins the state: the same page again, with the user's answer shown.
      String tell = params.getOrDefault(TELL, "");
      String again = s.prefix() + "/" + what + st.asked(question).query();
      return Response.redirect(tell.isBlank() ? again : again + "&" + TELL + "=" + Html.enc(tell));
    }
    switch (what) {
      case "":
        return Response.ok(pages.home(s, st));
      case "search":
        return Response.ok(pages.results(s, st, search.search(st.text(BookingState.QUERY))));
      case "restaurant":
        return restaurant(s, st);
      case "details":
        return choice(s, st).orElseGet(() -> Response.ok(pages.details(s, st)));
      case "review":
        return choice(s, st).orElseGet(() -> Response.ok(pages.review(s, st, missing(st))));
      case "tell":
        String message = params.getOrDefault(TELL, "").strip();
        if (message.isEmpty()) {
          return Response.html(
              400,
              pages.message(
                  s,
                  "Nothing to send",
                  "Write your answer to the user in the '"
                      + BookingLabels.TELL_BOX
                      + "' box first."));
        }
        return Response.ok(pages.tell(s, st, message));
      case "complete":
      case "send":
        if (!req.method().equals("POST")) {
          return Response.html(
              405,
              pages.message(s, "Not allowed", "/" + what + " is a POST from its page's button"));
        }
        return what.equals("complete") ? complete(req, s, st) : send(req, s, st);
      case "done":
        return done(s, params);
      default:
        return Response.html(404, pages.message(s, "Not found", "no page '" + what + "'"));
    }
  }

  private Response restaurant(BookingSession s, BookingState st) {
    Optional<Restaurant> r = data.catalog().byName(st.restaurant());
    if (r.isEmpty()) {
      return Response.html(
          404,
          pages.message(
              s,
              "No such restaurant",
              "no restaurant named '" + st.restaurant() + "'; search again"));
    }
    LocalDate today = s.task().today();
    LocalDate date = st.date() == null ? today : st.date();
    String dateProblem = dateProblem(s, date);
    if (!dateProblem.isEmpty()) {
      return Response.html(400, pages.message(s, "No such date", dateProblem));
    }
    LocalDate week = st.week();
    if (week == null || week.isBefore(today) || week.isAfter(data.catalog().lastDate())) {
      week = today.plusDays(7 * (ChronoUnit.DAYS.between(today, date) / 7));
    }
    BookingState shown =
        st.with(BookingState.DATE, date.toString())
            .with(BookingState.WEEK, week.toString())
            .with(BookingState.PARTY, Integer.toString(st.party() == 0 ? 2 : st.party()));
    return Response.ok(pages.restaurant(s, shown, r.get(), week));
  }

  /** A refusal page when the state does not name a free table, else empty. */
  private Optional<Response> choice(BookingSession s, BookingState st) {
    String problem = tableProblem(s, st);
    return problem.isEmpty()
        ? Optional.empty()
        : Optional.of(Response.html(400, pages.message(s, "Choose a table first", problem)));
  }

  /** What keeps the state from naming a free table, or "" when it names one. */
  private String tableProblem(BookingSession s, BookingState st) {
    Optional<Restaurant> r = data.catalog().byName(st.restaurant());
    if (r.isEmpty()) {
      return "no restaurant is chosen (or '" + st.restaurant() + "' is not one); search for one";
    }
    if (st.date() == null || st.party() == 0 || st.time() == null || st.seating() == null) {
      return "choose a date, a party size, a time and a seating on the restaurant's page first";
    }
    String dateProblem = dateProblem(s, st.date());
    if (!dateProblem.isEmpty()) {
      return dateProblem;
    }
    if (!new Availability(r.get(), st.date(), st.party()).free(st.time(), st.seating())) {
      return r.get().name()
          + " has no "
          + st.seating().label()
          + " table for "
          + BookingLabels.party(st.party())
          + " at "
          + BookingLabels.time(st.time())
          + " on "
          + BookingLabels.longDate(st.date())
          + "; choose another time or seating";
    }
    return "";
  }

  private String dateProblem(BookingSession s, LocalDate date) {
    LocalDate today = s.task().today();
    LocalDate last = data.catalog().lastDate();
    if (date.isBefore(today) || date.isAfter(last)) {
      return "reservations can be made from "
          + BookingLabels.longDate(today)
          + " to "
          + BookingLabels.longDate(last)
          + ", not on "
          + date;
    }
    return "";
  }

  private static List<String> missing(BookingState st) {
    List<String> out = new ArrayList<>();
    if (st.text(BookingState.NAME).isEmpty()) {
      out.add("name");
    }
    if (st.text(BookingState.PHONE).isEmpty()) {
      out.add("phone");
    }
    if (st.text(BookingState.EMAIL).isEmpty()) {
      out.add("email");
    }
    return out;
  }

  private Reservation reservation(BookingSession s, BookingState st, String episode) {
    return new Reservation(
        st.restaurant(),
        st.date(),
        st.time(),
        st.party(),
        st.seating(),
        st.text(BookingState.NAME),
        st.text(BookingState.PHONE),
        st.text(BookingState.EMAIL),
        s.task().id(),
        episode,
        Reservation.Status.COMPLETED);
  }

  /** "Complete reservation": scored in a sandbox, recorded under its key on a live session. */
  private Response complete(Request req, BookingSession s, BookingState st) {
    String problem = tableProblem(s, st);
    if (problem.isEmpty() && !missing(st).isEmpty()) {
      problem = "fill in " + String.join(", ", missing(st)) + " on the details page first";
    }
    if (!problem.isEmpty()) {
      return Response.html(
          400, pages.message(s, "Nothing was booked", problem + ". Nothing was booked."));
    }
    if (s.sandbox()) {
      return Response.redirect(s.prefix() + "/done" + doneQuery("reservation", st, null));
    }
    String episode = episode(req, s);
    ReservationBook.NewRecord record =
        new ReservationBook.NewRecord(
            s.id(),
            episode,
            s.task().id(),
            reservation(s, st, episode),
            st.text(BookingState.NOTES),
            null);
    return keyed(
        req,
        s,
        record,
        reservations -> check.check(s.task(), episode, reservations, null).reward());
  }

  /** "Send answer and finish": scored in a sandbox, recorded under its key on a live session. */
  private Response send(Request req, BookingSession s, BookingState st) {
    String answer = req.params().getOrDefault(TELL, "").strip();
    if (answer.isEmpty()) {
      return Response.html(
          400, pages.message(s, "Nothing was sent", "the answer is empty. Nothing was sent."));
    }
    if (s.sandbox()) {
      return Response.redirect(s.prefix() + "/done" + doneQuery("answer", st, answer));
    }
    String episode = episode(req, s);
    ReservationBook.NewRecord record =
        new ReservationBook.NewRecord(s.id(), episode, s.task().id(), null, "", answer);
    return keyed(
        req,
        s,
        record,
        reservations -> check.check(s.task(), episode, reservations, answer).reward());
  }

  private static String episode(Request req, BookingSession s) {
    return Optional.ofNullable(req.header(EPISODE)).filter(e -> !e.isBlank()).orElse(s.id());
  }

  private Response keyed(
      Request req,
      BookingSession s,
      ReservationBook.NewRecord record,
      java.util.function.ToDoubleFunction<List<Reservation>> reward) {
    KeyedOutcome<BookingRecord> outcome =
        keys.submit(req.header(KeyContract.KEY_HEADER), record, reward);
    return answer(outcome, s).withHeaders(outcome.headers());
  }

  /** The site's page for an outcome of the contract, with the contract's status. */
  private Response answer(KeyedOutcome<BookingRecord> outcome, BookingSession s) {
    String done = s.prefix() + "/done";
    if (outcome instanceof KeyedOutcome.Created) {
      pause(options.replyDelay());
      return Response.redirect(done);
    }
    if (outcome instanceof KeyedOutcome.Replayed) {
      return Response.redirect(done);
    }
    String title;
    String text;
    if (outcome instanceof KeyedOutcome.MissingKey) {
      title = "Idempotency-Key required";
      text =
          "Completing a reservation or sending the final answer cannot be undone, so a live"
              + " session takes it only under an "
              + KeyContract.KEY_HEADER
              + " header that names it: send one such as {episode}:irreversible:1 (the same key on"
              + " every retry), or use a sandbox session (/start/"
              + s.task().id()
              + "?sandbox=1), where it is scored but not recorded. Nothing was done.";
    } else if (outcome instanceof KeyedOutcome.InFlight<BookingRecord> f) {
      title = "Request in progress";
      text =
          "An earlier request with Idempotency-Key "
              + f.key()
              + " is still being processed, so this one was not. Look the key up at"
              + " /api/reservations/"
              + Html.enc(f.key())
              + " and, if it is still in progress, retry later with the same key.";
    } else if (outcome instanceof KeyedOutcome.Mismatch<BookingRecord> m) {
      title = "Idempotency-Key reused";
      text =
          "Idempotency-Key "
              + m.key()
              + " was already used for another request in session "
              + s.id()
              + " (another table, other details or another answer). Nothing was done. A"
              + " different request needs a new key.";
    } else {
      KeyedOutcome.Failed<BookingRecord> failed = (KeyedOutcome.Failed<BookingRecord>) outcome;
      failed.cause().printStackTrace();
      title = "Booking site error";
      text =
          "the booking site failed under key "
              + failed.key()
              + ": "
              + failed.cause().getMessage()
              + ". Look the key up at /api/reservations/"
              + Html.enc(failed.key())
              + " before retrying with the same key.";
    }
    return Response.html(outcome.status(), pages.message(s, title, text));
  }

  /** The sandbox done page's query: what would have been done, and the state it was done from. */
  private static String doneQuery(String did, BookingState st, String answer) {
    Map<String, String> q = new LinkedHashMap<>();
    q.put(DID, did);
    q.putAll(st.params());
    if (answer != null) {
      q.put(TELL, answer);
    }
    return Html.query(q);
  }

  private Response done(BookingSession s, Map<String, String> params) {
    if (s.sandbox()) {
      return sandboxDone(s, params);
    }
    return book.latestOf(s.id())
        .map(
            r ->
                Response.ok(
                    r.kind() == BookingRecord.Kind.RESERVATION
                        ? pages.booked(s, r.reservation(), r.notes(), r.reward())
                        : pages.sent(s, r.answer(), r.reward())))
        .orElse(
            Response.html(
                404,
                pages.message(
                    s, "Nothing done yet", "nothing was completed or sent in this session yet")));
  }

  /** What a sandbox episode's irreversible request would have scored, from the done URL alone. */
  private Response sandboxDone(BookingSession s, Map<String, String> params) {
    BookingState st = BookingState.of(params);
    String episode = "sandbox:" + s.id();
    String did = params.getOrDefault(DID, "");
    if (did.equals("answer")) {
      String answer = params.getOrDefault(TELL, "").strip();
      if (answer.isEmpty()) {
        return Response.html(400, pages.message(s, "Nothing was sent", "the answer is empty"));
      }
      double reward = check.check(s.task(), episode, List.of(), answer).reward();
      return Response.ok(pages.sent(s, answer, reward));
    }
    if (!did.equals("reservation")) {
      return Response.html(
          400,
          pages.message(
              s, "Nothing done", "a sandbox done page needs did=reservation or did=answer"));
    }
    String problem = tableProblem(s, st);
    if (!problem.isEmpty() || !missing(st).isEmpty()) {
      return Response.html(
          400,
          pages.message(
              s, "Nothing was booked", problem.isEmpty() ? "details are missing" : problem));
    }
    Reservation r = reservation(s, st, episode);
    double reward = check.check(s.task(), episode, List.of(r), null).reward();
    return Response.ok(pages.booked(s, r, st.text(BookingState.NOTES), reward));
  }

  /** The session with this id: from the cache, else from the database (after a restart). */
  Optional<BookingSession> session(String id) {
    BookingSession cached = sessions.get(id);
    if (cached != null) {
      return Optional.of(cached);
    }
    return book.session(id)
        .flatMap(
            row ->
                data.task(row.task())
                    .map(
                        t ->
                            sessions.computeIfAbsent(
                                id, k -> new BookingSession(k, t, row.sandbox()))));
  }

  private Response start(String taskText, String sessionId, boolean sandbox) {
    int taskId;
    try {
      taskId = Integer.parseInt(taskText);
    } catch (NumberFormatException e) {
      return Response.plain(404, "Not found", "task id must be a number, not '" + taskText + "'");
    }
    Optional<BookingTask> task = data.task(taskId);
    if (task.isEmpty()) {
      return Response.plain(
          404,
          "Not found",
          "no task " + taskId + "; this site has tasks 0 to " + (data.tasks().size() - 1));
    }
    String id = sessionId == null || sessionId.isBlank() ? UUID.randomUUID().toString() : sessionId;
    if (!id.matches("[A-Za-z0-9_.:-]+")) {
      return Response.plain(
          404,
          "Not found",
          "session ids use letters, digits, '_', '.', ':' and '-', not '" + id + "'");
    }
    BookingSession s = sessions.get(id);
    if (s == null) {
      ReservationBook.StoredSession row = book.openSession(id, taskId, sandbox);
      Optional<BookingTask> owner = data.task(row.task());
      if (owner.isEmpty()) {
        return Response.plain(
            404,
            "Not found",
            "session " + id + " belongs to task " + row.task() + ", which this site lacks");
      }
      s = sessions.computeIfAbsent(id, k -> new BookingSession(k, owner.get(), row.sandbox()));
    }
    if (s.task().id() != taskId || s.sandbox() != sandbox) {
      return Response.plain(
          404,
          "Not found",
          "session "
              + id
              + " belongs to task "
              + s.task().id()
              + (s.sandbox() ? " (sandbox)" : " (live)"));
    }
    return Response.redirect(s.prefix() + "/");
  }

  private String landing() {
    return BookingPages.document(
        "Welcome",
        "",
        "<h1>"
            + BookingLabels.SITE
            + "</h1><p>"
            + data.catalog().restaurants().size()
            + " restaurants, "
            + data.tasks().size()
            + " tasks.</p><form method=\"get\" action=\"/go\"><label>Task id <input type=\"text\""
            + " name=\"task\" value=\"0\"></label><button type=\"submit\">Start</button></form>");
  }

  static void pause(Duration d) {
    if (d.isZero()) {
      return;
    }
    try {
      Thread.sleep(d.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(
          "interrupted while waiting " + d + " (the booking site is closing)");
    }
  }

  @Override
  public void close() {
    http.stop(0);
    threads.shutdownNow();
    book.close();
  }
}
