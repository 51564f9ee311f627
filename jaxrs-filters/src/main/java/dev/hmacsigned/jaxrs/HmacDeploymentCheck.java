package dev.hmacsigned.jaxrs;

import jakarta.servlet.ServletContainerInitializer;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRegistration;
import jakarta.servlet.annotation.HandlesTypes;
import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.container.DynamicFeature;
import jakarta.ws.rs.core.Application;
import jakarta.ws.rs.core.Feature;
import java.lang.reflect.Constructor;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Enumeration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;

/**
 * Fails the deployment of a WAR whose JAX-RS {@code Application} lists its classes, serves {@link
 * HmacSigned} resources, and leaves out {@link HmacServerFeature}. Such an application turns off
 * the runtime's scanning, so the feature's {@code @Provider} is never found and the resources would
 * be served unverified, in silence; the deployment fails instead, with the fix in the message and
 * the log.
 *
 * <p>Not for applications to use: a servlet container runs it at deployment (it is listed in this
 * jar's {@code META-INF/services/jakarta.servlet.ServletContainerInitializer}). It looks only at
 * applications the WAR deploys (with {@code @ApplicationPath}, or named by a servlet of {@code
 * web.xml}) that have a public no-argument constructor, and lets pass:
 *
 * <ul>
 *   <li>an application whose {@code getClasses()} and {@code getSingletons()} are empty (the
 *       runtime scans, and finds the feature);
 *   <li>one that lists the feature's class, or an instance of it ({@code
 *       HmacServerFeature.builder()…build()} in {@code getSingletons()});
 *   <li>one that lists no {@code @HmacSigned} class;
 *   <li>one that names the feature in its properties or in its servlet's or the context's init
 *       parameters (Jersey's {@code jersey.config.server.provider.classnames}, RESTEasy's {@code
 *       resteasy.providers}, …);
 *   <li>one that lists a {@code Feature} of its own, which may register this one: that cannot be
 *       known without running it, so it is logged at {@code INFO} and let pass.
 * </ul>
 */
@HandlesTypes({HmacSigned.class, Application.class})
public final class HmacDeploymentCheck implements ServletContainerInitializer {
  private static final System.Logger LOG = System.getLogger("dev.hmacsigned");

  private static final String FEATURE = HmacServerFeature.class.getName();

  /** Created by the servlet container. */
  public HmacDeploymentCheck() {}

  @Override
  public void onStartup(@Nullable Set<Class<?>> classes, ServletContext context)
      throws ServletException {
    if (classes == null || classes.stream().noneMatch(HmacDeploymentCheck::isSigned)) {
      return;
    }
    Set<String> unprotected = new TreeSet<>();
    for (Class<?> type : classes) {
      if (isDeployedApplication(type, context)) {
        Application application = instantiate(type);
        if (application != null && !protects(application, context)) {
          unprotected.add(type.getName());
        }
      }
    }
    if (!unprotected.isEmpty()) {
      String message =
          "The JAX-RS application "
              + String.join(", ", unprotected)
              + " lists its classes, serves @HmacSigned resources and leaves out "
              + FEATURE
              + ": they would be served unverified. Add HmacServerFeature.class to its"
              + " getClasses() (or an instance, HmacServerFeature.builder()...build(), to"
              + " getSingletons()).";
      LOG.log(System.Logger.Level.ERROR, message);
      throw new ServletException(message);
    }
  }

  /** Whether the application, as the runtime will build it, has the feature or needs none. */
  private static boolean protects(Application application, ServletContext context) {
    String name = application.getClass().getName();
    Set<Class<?>> listed;
    Set<Object> singletons;
    Map<String, Object> properties;
    try {
      listed = nonNull(application.getClasses());
      singletons = nonNull(application.getSingletons());
      properties = application.getProperties() == null ? Map.of() : application.getProperties();
    } catch (RuntimeException | LinkageError e) {
      LOG.log(
          System.Logger.Level.INFO,
          "Cannot tell whether the JAX-RS application {0} registers {1}: asking it for its classes"
              + " failed ({2})",
          name,
          FEATURE,
          e.toString());
      return true;
    }
    if (listed.isEmpty() && singletons.isEmpty()) {
      return true; // the runtime scans, and finds the feature's @Provider
    }
    List<Class<?>> types = new ArrayList<>(listed);
    for (Object singleton : singletons) {
      if (singleton != null) {
        types.add(singleton.getClass());
      }
    }
    if (types.stream().anyMatch(HmacServerFeature.class::isAssignableFrom)
        || types.stream().noneMatch(HmacDeploymentCheck::isSigned)
        || mentionsFeature(properties.values())
        || mentionsFeature(initParameters(application, context))) {
      return true;
    }
    List<String> features =
        types.stream()
            .filter(
                t -> Feature.class.isAssignableFrom(t) || DynamicFeature.class.isAssignableFrom(t))
            .map(Class::getName)
            .sorted()
            .toList();
    if (!features.isEmpty()) {
      LOG.log(
          System.Logger.Level.INFO,
          "The JAX-RS application {0} serves @HmacSigned resources and lists no {1}, but lists"
              + " features of its own ({2}): make sure one of them registers it",
          name,
          FEATURE,
          String.join(", ", features));
      return true;
    }
    return false;
  }

  /** Whether any value names the feature (or its package, as a package to scan). */
  private static boolean mentionsFeature(Collection<?> values) {
    for (Object value : values) {
      if (value instanceof String text && text.contains(HmacServerFeature.class.getPackageName())) {
        return true;
      }
    }
    return false;
  }

  /** The init parameters of the application's servlet and of the context. */
  private static List<String> initParameters(Application application, ServletContext context) {
    List<String> values = new ArrayList<>();
    Enumeration<String> names = context.getInitParameterNames();
    while (names != null && names.hasMoreElements()) {
      values.add(Objects.toString(context.getInitParameter(names.nextElement()), ""));
    }
    for (ServletRegistration servlet : context.getServletRegistrations().values()) {
      if (servesApplication(servlet, application.getClass())) {
        values.addAll(servlet.getInitParameters().values());
      }
    }
    return values;
  }

  /**
   * An application the WAR deploys: a concrete {@code Application} subclass with {@code
   * ApplicationPath}, or named by a servlet (its name, or its {@code jakarta.ws.rs.Application}
   * init parameter).
   */
  private static boolean isDeployedApplication(Class<?> type, ServletContext context) {
    if (!Application.class.isAssignableFrom(type)
        || type == Application.class
        || type.isInterface()
        || Modifier.isAbstract(type.getModifiers())) {
      return false;
    }
    if (type.isAnnotationPresent(ApplicationPath.class)) {
      return true;
    }
    for (ServletRegistration servlet : context.getServletRegistrations().values()) {
      if (servesApplication(servlet, type)) {
        return true;
      }
    }
    return false;
  }

  private static boolean servesApplication(ServletRegistration servlet, Class<?> type) {
    return type.getName().equals(servlet.getName())
        || type.getName().equals(servlet.getInitParameter("jakarta.ws.rs.Application"));
  }

  private static @Nullable Application instantiate(Class<?> type) {
    try {
      Constructor<?> constructor = type.getConstructor();
      return (Application) constructor.newInstance();
    } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
      LOG.log(
          System.Logger.Level.INFO,
          "Cannot tell whether the JAX-RS application {0} registers {1}: it has no public"
              + " no-argument constructor that works outside the runtime ({2})",
          type.getName(),
          FEATURE,
          e.toString());
      return null;
    }
  }

  /** {@code @HmacSigned} on the class or on one of its public methods. */
  private static boolean isSigned(Class<?> type) {
    try {
      if (type.isAnnotationPresent(HmacSigned.class)) {
        return true;
      }
      for (Method method : type.getMethods()) {
        if (method.isAnnotationPresent(HmacSigned.class)) {
          return true;
        }
      }
      return false;
    } catch (LinkageError e) {
      return false; // a class the container found but cannot link: not ours to judge
    }
  }

  private static <T> Set<T> nonNull(@Nullable Set<T> set) {
    return set == null ? Set.of() : set;
  }
}
