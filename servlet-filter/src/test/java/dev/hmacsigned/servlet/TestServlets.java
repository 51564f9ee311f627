package dev.hmacsigned.servlet;

import dev.hmacsigned.core.HmacVerifier;
import dev.hmacsigned.core.VerificationResult.Verified;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/** Plain servlets behind the filter; each counts its invocations. */
final class TestServlets {
  private TestServlets() {}

  /** Counts the requests that reached any servlet. */
  static final AtomicInteger INVOCATIONS = new AtomicInteger();

  private abstract static class Counting extends HttpServlet {
    private static final long serialVersionUID = 1L;

    @Override
    protected void service(HttpServletRequest req, HttpServletResponse resp) throws IOException {
      INVOCATIONS.incrementAndGet();
      handle(req, resp);
    }

    abstract void handle(HttpServletRequest req, HttpServletResponse resp) throws IOException;
  }

  static void write(HttpServletResponse resp, String contentType, byte[] body) throws IOException {
    resp.setStatus(200);
    resp.setContentType(contentType);
    resp.setContentLength(body.length);
    resp.getOutputStream().write(body);
  }

  static void writeText(HttpServletResponse resp, String text) throws IOException {
    write(resp, "text/plain;charset=UTF-8", text.getBytes(StandardCharsets.UTF_8));
  }

  /** Echoes the body, byte for byte, with the request's content type. */
  static final class Echo extends Counting {
    private static final long serialVersionUID = 1L;

    @Override
    void handle(HttpServletRequest req, HttpServletResponse resp) throws IOException {
      byte[] body = req.getInputStream().readAllBytes();
      String type = req.getContentType();
      write(resp, type == null ? "application/octet-stream" : type, body);
    }
  }

  /** Lists every parameter as {@code name=[v1, v2]}, one per line, in order. */
  static final class Form extends Counting {
    private static final long serialVersionUID = 1L;

    @Override
    void handle(HttpServletRequest req, HttpServletResponse resp) throws IOException {
      StringBuilder out = new StringBuilder();
      for (Map.Entry<String, String[]> e : req.getParameterMap().entrySet()) {
        out.append(e.getKey()).append('=').append(Arrays.toString(e.getValue())).append('\n');
      }
      out.append("first a=").append(req.getParameter("a")).append('\n');
      out.append("values b=").append(Arrays.toString(req.getParameterValues("b"))).append('\n');
      out.append("names=").append(java.util.Collections.list(req.getParameterNames()));
      writeText(resp, out.toString());
    }
  }

  /**
   * Reads the body through {@code getReader()}, after {@code setCharacterEncoding} when the request
   * has {@code X-Set-Encoding}; answers the encoding and the text in UTF-8.
   */
  static final class Text extends Counting {
    private static final long serialVersionUID = 1L;

    @Override
    void handle(HttpServletRequest req, HttpServletResponse resp) throws IOException {
      String set = req.getHeader("X-Set-Encoding");
      if (set != null) {
        req.setCharacterEncoding(set);
      }
      StringBuilder text = new StringBuilder();
      try (Reader reader = req.getReader()) {
        char[] buffer = new char[1024];
        for (int n; (n = reader.read(buffer)) >= 0; ) {
          text.append(buffer, 0, n);
        }
      }
      writeText(resp, "encoding=" + req.getCharacterEncoding() + "\n" + text);
    }
  }

  /** Streams the body through SHA-256 and answers {@code <hex> <length>}. */
  static final class Digest extends Counting {
    private static final long serialVersionUID = 1L;

    @Override
    void handle(HttpServletRequest req, HttpServletResponse resp) throws IOException {
      MessageDigest sha256 = sha256();
      long length = 0;
      try (InputStream in = req.getInputStream()) {
        byte[] buffer = new byte[64 * 1024];
        for (int n; (n = in.read(buffer)) >= 0; ) {
          sha256.update(buffer, 0, n);
          length += n;
        }
      }
      writeText(resp, HexFormat.of().formatHex(sha256.digest()) + " " + length);
    }
  }

  /** Answers who the caller is: principal, remote user, auth type, roles asked in {@code role}. */
  static final class WhoAmI extends Counting {
    private static final long serialVersionUID = 1L;

    @Override
    void handle(HttpServletRequest req, HttpServletResponse resp) throws IOException {
      StringBuilder out = new StringBuilder();
      out.append("principal=")
          .append(req.getUserPrincipal() == null ? null : req.getUserPrincipal().getName())
          .append('\n');
      out.append("remoteUser=").append(req.getRemoteUser()).append('\n');
      out.append("authType=").append(req.getAuthType()).append('\n');
      String[] roles = req.getParameterValues("role");
      for (String role : roles == null ? new String[0] : roles) {
        out.append("role ").append(role).append('=').append(req.isUserInRole(role)).append('\n');
      }
      Object verified = req.getAttribute(HmacVerifier.VERIFIED_ATTRIBUTE);
      out.append("keyId=").append(verified instanceof Verified v ? v.keyId() : null).append('\n');
      writeText(resp, out.toString());
    }
  }

  /**
   * Asynchronous, non-blocking: reads the body with a {@link ReadListener} on the stream of {@code
   * AsyncContext.getRequest()} and echoes it.
   */
  static final class AsyncReadListener extends Counting {
    private static final long serialVersionUID = 1L;

    @Override
    void handle(HttpServletRequest req, HttpServletResponse resp) throws IOException {
      AsyncContext async = req.startAsync();
      ServletInputStream in = async.getRequest().getInputStream();
      ByteArrayOutputStream received = new ByteArrayOutputStream();
      AtomicInteger dataAvailableCalls = new AtomicInteger();
      in.setReadListener(
          new ReadListener() {
            @Override
            public void onDataAvailable() throws IOException {
              dataAvailableCalls.incrementAndGet();
              byte[] buffer = new byte[8192];
              while (in.isReady() && !in.isFinished()) {
                int n = in.read(buffer);
                if (n < 0) {
                  break;
                }
                received.write(buffer, 0, n);
              }
            }

            @Override
            public void onAllDataRead() throws IOException {
              HttpServletResponse r = (HttpServletResponse) async.getResponse();
              r.setHeader("X-Data-Available-Calls", String.valueOf(dataAvailableCalls.get()));
              r.setHeader("X-Finished", String.valueOf(in.isFinished()));
              write(r, "application/octet-stream", received.toByteArray());
              async.complete();
            }

            @Override
            public void onError(Throwable t) {
              ((HttpServletResponse) async.getResponse()).setStatus(599);
              async.complete();
            }
          });
    }
  }

  /** Asynchronous, blocking: reads the body on a container thread, then completes. */
  static final class AsyncThread extends Counting {
    private static final long serialVersionUID = 1L;

    @Override
    void handle(HttpServletRequest req, HttpServletResponse resp) {
      AsyncContext async = req.startAsync();
      async.start(
          () -> {
            try {
              byte[] body = req.getInputStream().readAllBytes();
              write((HttpServletResponse) async.getResponse(), "application/octet-stream", body);
            } catch (IOException e) {
              throw new UncheckedIOException(e);
            } finally {
              async.complete();
            }
          });
    }
  }

  /**
   * Asynchronous, and never reads the body: answers how many body files are in a directory while
   * the request is in progress.
   */
  static final class AsyncIgnoringBody extends Counting {
    private static final long serialVersionUID = 1L;
    private final transient Path directory;

    AsyncIgnoringBody(Path directory) {
      this.directory = directory;
    }

    @Override
    void handle(HttpServletRequest req, HttpServletResponse resp) {
      AsyncContext async = req.startAsync();
      async.start(
          () -> {
            try {
              writeText((HttpServletResponse) async.getResponse(), "files=" + count(directory));
            } catch (IOException e) {
              throw new UncheckedIOException(e);
            } finally {
              async.complete();
            }
          });
    }
  }

  /** Synchronous, never reads the body: answers how many body files are in a directory. */
  static final class IgnoringBody extends Counting {
    private static final long serialVersionUID = 1L;
    private final transient Path directory;

    IgnoringBody(Path directory) {
      this.directory = directory;
    }

    @Override
    void handle(HttpServletRequest req, HttpServletResponse resp) throws IOException {
      writeText(resp, "files=" + count(directory));
    }
  }

  /** Starts async processing and dispatches to another path of the context. */
  static final class AsyncDispatch extends Counting {
    private static final long serialVersionUID = 1L;
    private final String target;

    AsyncDispatch(String target) {
      this.target = target;
    }

    @Override
    void handle(HttpServletRequest req, HttpServletResponse resp) {
      req.startAsync().dispatch(target);
    }
  }

  static long count(Path directory) throws IOException {
    try (Stream<Path> files = Files.list(directory)) {
      return files.count();
    }
  }

  static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
