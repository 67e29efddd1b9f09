package io.timesync.hil.selftest;

import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;

import java.io.PrintWriter;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;
import static org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder.request;

/**
 * Runs requirement classes in this JVM through the JUnit launcher, with the listeners Surefire would have
 * (Allure's among them, found on the classpath), the bench given by {@code -Dhil.*} properties:
 * {@code java -cp <test classpath> io.timesync.hil.selftest.SuiteProcess <class>...}.
 */
public final class SuiteProcess {
    private SuiteProcess() {
    }

    public static void main(String[] requirementClasses) throws ClassNotFoundException {
        var builder = request();
        for (String name : requirementClasses) {
            builder.selectors(selectClass(Class.forName(name)));
        }
        LauncherDiscoveryRequest request = builder.build();
        SummaryGeneratingListener summary = new SummaryGeneratingListener();
        LauncherFactory.create().execute(request, summary);
        summary.getSummary().printTo(new PrintWriter(System.out, true));
    }
}
