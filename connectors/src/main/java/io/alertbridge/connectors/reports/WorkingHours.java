package io.alertbridge.connectors.reports;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.EnumSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * When a team works, in its own time zone: pages outside these hours are the ones a report calls out. Immutable.
 *
 * @param zone the team's time zone
 * @param start the start of the working day (inclusive)
 * @param end the end of the working day (exclusive); after {@code start}
 * @param days the working days
 */
public record WorkingHours(ZoneId zone, LocalTime start, LocalTime end, Set<DayOfWeek> days) {

    public WorkingHours {
        Objects.requireNonNull(zone, "zone");
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(end, "end");
        if (!end.isAfter(start)) {
            throw new IllegalArgumentException("working hours must end after they start: " + start + "-" + end);
        }
        days = days == null || days.isEmpty() ? weekdays() : Set.copyOf(days);
    }

    /** 09:00 to 18:00, Monday to Friday, in the zone. */
    public static WorkingHours officeHours(ZoneId zone) {
        return new WorkingHours(zone, LocalTime.of(9, 0), LocalTime.of(18, 0), weekdays());
    }

    private static Set<DayOfWeek> weekdays() {
        return EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY);
    }

    /** True when {@code at} falls inside the working hours of a working day in the zone. */
    public boolean contains(Instant at) {
        ZonedDateTime local = at.atZone(zone);
        if (!days.contains(local.getDayOfWeek())) {
            return false;
        }
        LocalTime time = local.toLocalTime();
        return !time.isBefore(start) && time.isBefore(end);
    }

    /**
     * Working hours per route, with a default for routes that name none.
     *
     * @param defaults the hours of every route not in {@code byRoute}
     * @param byRoute hours by route id
     */
    public record ByRoute(WorkingHours defaults, Map<String, WorkingHours> byRoute) {
        public ByRoute {
            Objects.requireNonNull(defaults, "defaults");
            byRoute = byRoute == null ? Map.of() : Map.copyOf(byRoute);
        }

        /** Office hours in {@code zone} for every route. */
        public static ByRoute everywhere(ZoneId zone) {
            return new ByRoute(officeHours(zone), Map.of());
        }

        /** The hours of a route (null: the default). */
        public WorkingHours of(String routeId) {
            return routeId == null ? defaults : byRoute.getOrDefault(routeId, defaults);
        }
    }
}
