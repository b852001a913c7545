package io.alertbridge.connectors.slack.interactivity;

import com.slack.api.Slack;
import com.slack.api.methods.response.usergroups.users.UsergroupsUsersListResponse;
import io.alertbridge.schemas.text.LogText;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Decides who may resolve incidents and create silences: anyone when no allow-list is configured; otherwise the
 * listed Slack user ids and the members of the listed user group.
 *
 * <p>The group's members are read with {@code usergroups.users.list} (bot scope {@code usergroups:read}) at start
 * and every {@code groupRefresh} after, on a background thread, so a decision never waits for Slack. Until the
 * first read succeeds, group members are refused with an explanation (never let in by accident); a failed refresh
 * keeps the last known members.
 *
 * <p>Thread-safe.
 */
final class Authorizer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Authorizer.class);

    private final Set<String> users;
    private final String group;
    private final ScheduledExecutorService refresher;
    private final Slack slack;
    private final String botToken;
    private volatile Set<String> groupMembers;

    private Authorizer(Set<String> users, String group, Slack slack, String botToken, Duration refresh) {
        this.users = Set.copyOf(users);
        this.group = group;
        this.slack = slack;
        this.botToken = botToken;
        if (group == null) {
            this.refresher = null;
        } else {
            this.refresher = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread thread = new Thread(r, "allow-list-refresh");
                thread.setDaemon(true);
                return thread;
            });
            refresher.scheduleWithFixedDelay(this::refresh, 0, refresh.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    /** The authorizer of the configuration; starts reading the group when one is configured. */
    static Authorizer of(InteractivityConfig config, Slack slack) {
        return new Authorizer(
                config.allowedUsers(), config.allowedUserGroup(), slack, config.botToken(), config.groupRefresh());
    }

    /**
     * Whether this person may resolve and silence.
     *
     * @param userId the Slack user id
     * @return the decision, with a sentence for the person when refused
     */
    Decision mayResolveOrSilence(String userId) {
        if (users.isEmpty() && group == null) {
            return Decision.ALLOWED;
        }
        if (userId != null && users.contains(userId)) {
            return Decision.ALLOWED;
        }
        if (group != null) {
            Set<String> members = groupMembers;
            if (members == null) {
                return new Decision(
                        false,
                        "I could not read the list of people who may do that yet; please try "
                                + "again in a minute, or ask someone on it.");
            }
            if (userId != null && members.contains(userId)) {
                return Decision.ALLOWED;
            }
            return new Decision(
                    false,
                    "Sorry, only members of <!subteam^" + group + "> "
                            + (users.isEmpty() ? "" : "and a few named people ") + "may do that here.");
        }
        return new Decision(
                false,
                "Sorry, only a few named people may do that here. Ask one of them, or ask an "
                        + "admin to add you to Alertbridge's allow-list.");
    }

    private void refresh() {
        try {
            UsergroupsUsersListResponse response = slack.methods(botToken).usergroupsUsersList(r -> r.usergroup(group));
            if (response.isOk()) {
                groupMembers = Set.copyOf(response.getUsers());
                LOG.debug("Allow-list group {} has {} members", group, groupMembers.size());
            } else {
                LOG.warn("Could not read allow-list group {}: {}", group, LogText.safe(response.getError()));
            }
        } catch (Exception e) {
            LOG.warn("Could not read allow-list group {}: {}", group, LogText.safe(e.toString()));
        }
    }

    /** True once the group (when one is configured) has been read. */
    boolean isReady() {
        return group == null || groupMembers != null;
    }

    @Override
    public void close() {
        if (refresher != null) {
            refresher.shutdownNow();
        }
    }

    /**
     * An authorization decision.
     *
     * @param allowed whether the person may
     * @param refusal a polite sentence when not, else null
     */
    record Decision(boolean allowed, String refusal) {
        static final Decision ALLOWED = new Decision(true, null);
    }
}
