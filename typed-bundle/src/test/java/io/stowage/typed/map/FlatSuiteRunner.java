package io.stowage.typed.map;

import java.lang.reflect.Method;
import java.util.Enumeration;
import java.util.IdentityHashMap;
import java.util.Map;

import org.junit.runner.Description;
import org.junit.runner.Runner;
import org.junit.runner.notification.Failure;
import org.junit.runner.notification.RunNotifier;

import junit.extensions.TestDecorator;
import junit.framework.AssertionFailedError;
import junit.framework.Test;
import junit.framework.TestCase;
import junit.framework.TestListener;
import junit.framework.TestResult;
import junit.framework.TestSuite;

/**
 * Runs a class's JUnit 3 {@code public static Test suite()} as one flat test class: every test case reports under
 * the suite class, named by its method and the suites around it.
 *
 * <p>Why not the vintage engine's own view: guava-testlib builds thousands of small suites of each tester class,
 * and Surefire reports (and sends the JVM's system properties for) every one of them as a test set of its own, which
 * took minutes and left reports overwriting each other under the tester class names. Decorators such as
 * {@code TestSetup} still run, because the whole suite runs as JUnit 3 runs it.
 */
public final class FlatSuiteRunner extends Runner {

    private final Test suite;
    private final Description description;
    private final Map<Test, Description> cases = new IdentityHashMap<>();

    public FlatSuiteRunner(Class<?> suiteClass) throws ReflectiveOperationException {
        Method factory = suiteClass.getMethod("suite");
        this.suite = (Test) factory.invoke(null);
        this.description = Description.createSuiteDescription(suiteClass);
        collect(suiteClass.getName(), suite, "");
    }

    private void collect(String className, Test test, String path) {
        if (test instanceof TestSuite tests) {
            String inner = tests.getName() == null ? path : path.isEmpty() ? tests.getName()
                    : path + " / " + tests.getName();
            for (Enumeration<Test> children = tests.tests(); children.hasMoreElements();) {
                collect(className, children.nextElement(), inner);
            }
        } else if (test instanceof TestDecorator decorator) {
            collect(className, decorator.getTest(), path);
        } else if (test instanceof TestCase testCase) {
            Description child = Description.createTestDescription(className, testCase.getName() + " [" + path + "]",
                    cases.size());
            cases.put(testCase, child);
            description.addChild(child);
        } else {
            throw new IllegalArgumentException("not a TestSuite, TestDecorator or TestCase: " + test);
        }
    }

    @Override
    public Description getDescription() {
        return description;
    }

    @Override
    public void run(RunNotifier notifier) {
        TestResult result = new TestResult();
        result.addListener(new TestListener() {
            @Override
            public void startTest(Test test) {
                notifier.fireTestStarted(described(test));
            }

            @Override
            public void endTest(Test test) {
                notifier.fireTestFinished(described(test));
            }

            @Override
            public void addError(Test test, Throwable e) {
                notifier.fireTestFailure(new Failure(described(test), e));
            }

            @Override
            public void addFailure(Test test, AssertionFailedError e) {
                notifier.fireTestFailure(new Failure(described(test), e));
            }
        });
        suite.run(result);
    }

    /** A test case's description; a failure of a decorator's set-up or tear-down is the whole class's. */
    private Description described(Test test) {
        return cases.getOrDefault(test, description);
    }
}
