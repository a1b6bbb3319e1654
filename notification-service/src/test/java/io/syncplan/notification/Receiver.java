package io.syncplan.notification;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.IntFunction;
import java.util.function.Predicate;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.awaitility.Awaitility;

/**
 * A webhook receiver on loopback: a MockWebServer that answers each request as the test says (by
 * the request's number) and keeps every request it got.
 */
public final class Receiver implements AutoCloseable {

  private final MockWebServer server = new MockWebServer();
  private final List<RecordedRequest> requests = new CopyOnWriteArrayList<>();
  private final List<Exchange> exchanges = new CopyOnWriteArrayList<>();
  private volatile IntFunction<MockResponse> answer = n -> status(204);

  /** A request and the status it was answered with. */
  public record Exchange(RecordedRequest request, int status) {

    public String eventId() {
      return request.getHeaders().get("Idempotency-Key");
    }

    public String path() {
      return request.getUrl().encodedPath();
    }

    public boolean accepted() {
      return status >= 200 && status < 300;
    }
  }

  private Receiver(InetAddress address, int port) {
    server.setDispatcher(
        new Dispatcher() {
          @Override
          public MockResponse dispatch(RecordedRequest request) {
            synchronized (exchanges) {
              requests.add(request);
              MockResponse response = answer.apply(requests.size());
              exchanges.add(new Exchange(request, response.getCode()));
              return response;
            }
          }
        });
    try {
      server.start(address, port);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A receiver that answers 204 until told otherwise. */
  public static Receiver start() {
    return new Receiver(InetAddress.getLoopbackAddress(), 0);
  }

  /** A receiver on a given port, for one that was down and comes up. */
  public static Receiver startOn(int port) {
    return new Receiver(InetAddress.getLoopbackAddress(), port);
  }

  /** A receiver on another loopback address, such as 127.0.0.2. */
  public static Receiver startOn(InetAddress address, int port) {
    return new Receiver(address, port);
  }

  /** How to answer the n-th request (from 1). */
  public Receiver answering(IntFunction<MockResponse> answer) {
    this.answer = answer;
    return this;
  }

  public static MockResponse status(int code) {
    return new MockResponse.Builder().code(code).build();
  }

  public String url(String path) {
    return server.url(path).toString();
  }

  public int port() {
    return server.getPort();
  }

  public List<Exchange> exchanges() {
    return List.copyOf(exchanges);
  }

  public List<RecordedRequest> requests() {
    return List.copyOf(requests);
  }

  public List<RecordedRequest> requests(Predicate<RecordedRequest> filter) {
    return requests.stream().filter(filter).toList();
  }

  /** Requests carrying this idempotency key (the event id). */
  public List<RecordedRequest> requestsFor(String eventId) {
    return requests(r -> eventId.equals(r.getHeaders().get("Idempotency-Key")));
  }

  public List<RecordedRequest> awaitRequests(String eventId, int count, Duration timeout) {
    Awaitility.await()
        .atMost(timeout)
        .pollInterval(Duration.ofMillis(20))
        .until(() -> requestsFor(eventId).size() >= count);
    return requestsFor(eventId);
  }

  @Override
  public void close() {
    server.close();
  }
}
