package io.alertbridge.connectors.slack.sink;

import io.alertbridge.schemas.model.Incident;

/**
 * Draws an incident's graph: which members to draw (the worst two that have data), their data (CloudWatch's
 * {@code GetMetricData} for an alarm, the recent scores for an anomaly) and the PNG. Runs on the graph worker's
 * thread, never on the sink's loop; never throws for bad data or a failed fetch, it answers {@link Result.Skipped}.
 */
public interface GraphMaker {

    /** Makes no graphs: every incident has nothing to draw. */
    GraphMaker NONE = new GraphMaker() {
        @Override
        public String renderKey(Incident incident) {
            return null;
        }

        @Override
        public Result make(Incident incident) {
            return new Result.Skipped("graphs are off");
        }
    };

    /**
     * What the graph of this snapshot depends on (the drawn members and their states), or null when nothing in it
     * can be drawn. Cheap and pure: called on the sink's loop for every shown snapshot.
     */
    String renderKey(Incident incident);

    /** Makes the graph of this snapshot. */
    Result make(Incident incident);

    /** What {@link #make} gives. */
    sealed interface Result {

        /**
         * A PNG to upload.
         *
         * @param png the image
         * @param title the file's title
         * @param altText what it shows, in words
         * @param note an extra line under it, or null
         */
        record Image(byte[] png, String title, String altText, String note) implements Result {}

        /** No image, one line instead (no datapoints in the window; a composite alarm's children). */
        record Note(String note) implements Result {}

        /** Nothing this time (budget spent, CloudWatch refused or timed out); a later change tries again. */
        record Skipped(String reason) implements Result {}
    }
}
