package dev.hmacsigned.servlet;

import dev.hmacsigned.testing.RawHttpClient;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;
import jakarta.servlet.http.HttpServlet;
import java.util.EnumSet;
import java.util.Map;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.ContextHandlerCollection;

/** An embedded Jetty 12 (Jakarta EE 10) on a free port, with one or more servlet contexts. */
final class TestServer implements AutoCloseable {
  static final EnumSet<DispatcherType> REQUEST_AND_ASYNC =
      EnumSet.of(DispatcherType.REQUEST, DispatcherType.ASYNC);

  private final Server server = new Server();
  private final ServerConnector connector = new ServerConnector(server);
  private final ContextHandlerCollection contexts = new ContextHandlerCollection();

  TestServer() {
    connector.setPort(0);
    server.addConnector(connector);
    server.setHandler(contexts);
  }

  /** Adds a context; configure its filters and servlets before {@link #start()}. */
  Context context(String contextPath) {
    ServletContextHandler handler = new ServletContextHandler(contextPath);
    contexts.addHandler(handler);
    return new Context(handler);
  }

  TestServer start() throws Exception {
    server.start();
    return this;
  }

  RawHttpClient wire() {
    return RawHttpClient.to("localhost", connector.getLocalPort());
  }

  int port() {
    return connector.getLocalPort();
  }

  @Override
  public void close() throws Exception {
    server.stop();
  }

  /** One servlet context. */
  static final class Context {
    private final ServletContextHandler handler;

    private Context(ServletContextHandler handler) {
      this.handler = handler;
    }

    Context filter(Filter filter) {
      FilterHolder holder = new FilterHolder(filter);
      holder.setAsyncSupported(true);
      handler.addFilter(holder, "/*", REQUEST_AND_ASYNC);
      return this;
    }

    /** A filter declared by class name with init parameters, as {@code web.xml} does. */
    Context filter(Class<? extends Filter> type, Map<String, String> initParameters) {
      FilterHolder holder = new FilterHolder(type);
      holder.setAsyncSupported(true);
      initParameters.forEach(holder::setInitParameter);
      handler.addFilter(holder, "/*", REQUEST_AND_ASYNC);
      return this;
    }

    Context servlet(String pathSpec, HttpServlet servlet) {
      ServletHolder holder = new ServletHolder(servlet);
      holder.setAsyncSupported(true);
      handler.addServlet(holder, pathSpec);
      return this;
    }
  }
}
