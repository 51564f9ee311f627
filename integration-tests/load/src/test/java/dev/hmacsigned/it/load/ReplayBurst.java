package dev.hmacsigned.it.load;

import dev.hmacsigned.testing.SimultaneousRequests;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The same request bytes on many connections at once ({@link SimultaneousRequests}: every
 * connection gets all but the last byte first, then all last bytes go together), each answer read
 * as its status and problem code.
 */
final class ReplayBurst {
  private static final Pattern STATUS = Pattern.compile("^HTTP/1\\.1 (\\d{3}) ");
  private static final Pattern CODE = Pattern.compile("\"code\":\"([a-z_]+)\"");

  /**
   * One answer: its status and problem code ({@code null} for none).
   *
   * @param status the status
   * @param code the problem code, or {@code null}
   */
  record Answer(int status, String code) {}

  private ReplayBurst() {}

  static List<Answer> send(int port, byte[] request, int connections) throws Exception {
    List<Answer> answers = new ArrayList<>();
    for (String text :
        SimultaneousRequests.send("127.0.0.1", Collections.nCopies(connections, port), request)) {
      answers.add(parse(text));
    }
    return answers;
  }

  private static Answer parse(String text) throws IOException {
    Matcher status = STATUS.matcher(text);
    if (!status.find()) {
      throw new IOException("not an HTTP/1.1 response: " + text);
    }
    Matcher code = CODE.matcher(text);
    return new Answer(Integer.parseInt(status.group(1)), code.find() ? code.group(1) : null);
  }
}
