package io.alertbridge.devkit.slack;

import com.fasterxml.jackson.databind.JsonNode;
import com.slack.api.methods.MethodsClient;
import com.slack.api.methods.request.files.FilesCompleteUploadExternalRequest.FileDetails;
import com.slack.api.methods.response.chat.ChatPostMessageResponse;
import com.slack.api.methods.response.chat.ChatUpdateResponse;
import com.slack.api.methods.response.files.FilesGetUploadURLExternalResponse;
import com.slack.api.model.Attachment;
import com.slack.api.model.block.ImageBlock;
import com.slack.api.model.block.composition.SlackFileObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;

import static com.slack.api.model.block.Blocks.asBlocks;
import static com.slack.api.model.block.Blocks.context;
import static com.slack.api.model.block.Blocks.section;
import static com.slack.api.model.block.composition.BlockCompositions.markdownText;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The page in headless Chromium (Debian's chromium and chromedriver, never a downloaded browser): a posted incident
 * shows with its buttons and its Snooze menu; clicking Acknowledge, or choosing "4 h" in the menu, sends a signed
 * payload to a real HTTP app, which edits the message through the Slack SDK; the same message changes in place
 * without a reload.
 */
class SlackPageBrowserIT {

    // Debian's paths; the properties exist to show the missing-browser failure without uninstalling anything.
    private static final Path CHROMIUM = Path.of(System.getProperty("alertbridge.test.chromium", "/usr/bin/chromium"));
    private static final Path CHROMEDRIVER =
            Path.of(System.getProperty("alertbridge.test.chromedriver", "/usr/bin/chromedriver"));
    private static final Duration WAIT = Duration.ofSeconds(10);

    private static LocalSlackWorkspace workspace;
    private static SlackSdk sdk;
    private static TestSlackApp app;
    private static WebDriver browser;
    private static Path profile;

    @BeforeAll
    static void start() throws IOException {
        assertThat(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER))
                .as(
                        "Headless Chromium is needed for this test and %s or %s is missing: run"
                                + " build/install-test-deps.sh (installs Debian's chromium and chromium-driver)",
                        CHROMIUM, CHROMEDRIVER)
                .isTrue();
        workspace = LocalSlackWorkspace.start();
        sdk = new SlackSdk(workspace);
        app = new TestSlackApp(workspace.signingSecret());
        workspace.setInteractivityUrl(app.url());
        profile = Files.createTempDirectory("chromium-profile");
        browser = startChromium(profile);
    }

    private static WebDriver startChromium(Path userDataDir) {
        // Explicit paths, so Selenium Manager never looks for (or downloads) a browser or a driver.
        System.setProperty("webdriver.chrome.driver", CHROMEDRIVER.toString());
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments(
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-dev-shm-usage",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
                "--window-size=1280,900",
                "--user-data-dir=" + userDataDir);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort()
                .build();
        return new ChromeDriver(service, options);
    }

    @AfterAll
    static void stop() throws IOException {
        if (browser != null) {
            browser.quit();
        }
        if (app != null) {
            app.close();
        }
        if (sdk != null) {
            sdk.close();
        }
        if (workspace != null) {
            workspace.close();
        }
        if (profile != null) {
            try (Stream<Path> files = Files.walk(profile)) {
                files.sorted(Comparator.reverseOrder()).forEach(SlackPageBrowserIT::deleteQuietly);
            }
        }
    }

    @BeforeEach
    void resetLimits() {
        workspace.resetRateLimits();
    }

    @Test
    void shouldShowAPostedIncidentAndChangeItInPlaceWhenAcknowledged() throws Exception {
        MethodsClient slack = sdk.methods();
        AtomicReference<String> updateError = new AtomicReference<>();
        app.answerWith(request -> acknowledge(slack, request, updateError));
        ChatPostMessageResponse posted = slack.chatPostMessage(r -> r.channel("#alerts")
                .text("INC-1 firing: CPU high on payments-api")
                .blocks(SlackSdk.incidentBlocks("CPU high on payments-api"))
                .attachments(List.of(Attachment.builder()
                        .color("#d00000")
                        .text("FIRING since 08:00")
                        .build())));
        assertThat(posted.isOk()).as(posted.getError()).isTrue();
        String permalink = slack.chatGetPermalink(
                        r -> r.channel(posted.getChannel()).messageTs(posted.getTs()))
                .getPermalink();

        browser.get(permalink + "?user=alice");
        By incident = By.cssSelector("#messages [data-ts='" + posted.getTs() + "']");
        WebElement shown = waitFor().until(ExpectedConditions.visibilityOfElementLocated(incident));
        assertThat(shown.getText()).contains("CPU high on payments-api", "FIRING since 08:00", "Acknowledge");
        assertThat(shown.findElement(By.cssSelector(".attachment .bar")).getCssValue("background-color"))
                .isEqualTo("rgba(208, 0, 0, 1)");
        shown.findElement(By.xpath(".//button[normalize-space()='Acknowledge']"))
                .click();

        waitFor().until(ExpectedConditions.textToBePresentInElementLocated(incident, "Acknowledged by @Alice Ops"));
        WebElement changed = browser.findElement(incident);
        assertThat(changed.getText())
                .contains("CPU high on payments-api", "(edited)")
                .doesNotContain("FIRING");
        assertThat(changed.findElements(By.xpath(".//button[normalize-space()='Acknowledge']")))
                .isEmpty();
        assertThat(changed.findElement(By.cssSelector(".attachment .bar")).getCssValue("background-color"))
                .isEqualTo("rgba(236, 178, 46, 1)");
        assertThat(browser.findElements(By.cssSelector("#messages > .message")))
                .as("the same message changed; no new one")
                .hasSize(1);
        assertThat(updateError.get()).isNull();
        assertThat(workspace.messages("alerts")).singleElement().satisfies(m -> assertThat(m.isEdited())
                .isTrue());
        assertThat(browser.getCurrentUrl()).as("no reload").startsWith(permalink);
    }

    @Test
    void shouldShowEmojiSlackDatesInThePagesTimeZoneAndAnUploadedImage() throws Exception {
        MethodsClient slack = sdk.methods();
        String channel = workspace.channel("payments-alerts").orElseThrow().id();
        byte[] png = png(40, 20);
        FilesGetUploadURLExternalResponse url =
                slack.filesGetUploadURLExternal(r -> r.filename("cpu.png").length(png.length));
        HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create(url.getUploadUrl()))
                                .POST(HttpRequest.BodyPublishers.ofByteArray(png))
                                .build(),
                        HttpResponse.BodyHandlers.discarding());
        assertThat(slack.filesCompleteUploadExternal(r -> r.files(List.of(new FileDetails(url.getFileId(), null, null)))
                                .channelId(channel))
                        .isOk())
                .isTrue();
        // 2014-02-18T14:39:42Z is 15:39 in Paris.
        ChatPostMessageResponse posted = slack.chatPostMessage(r -> r.channel(channel)
                .text("graph")
                .blocks(List.of(
                        section(
                                s -> s.text(
                                        markdownText(
                                                ":red_circle: *INC-9* since <!date^1392734382^{date_short_pretty} {time}|2014-02-18 14:39 UTC>"
                                                        + " :no_such_emoji: <!date^1392734382^{date_num} {time_secs}^https://example.com/x|f>"))),
                        ImageBlock.builder()
                                .slackFile(SlackFileObject.builder()
                                        .id(url.getFileId())
                                        .build())
                                .altText("CPU graph")
                                .build())));
        assertThat(posted.isOk()).as(posted.getError()).isTrue();

        browser.get(workspace.pageUrl() + "?channel=payments-alerts&user=bob&tz=Europe/Paris");
        By message = By.cssSelector("#messages [data-ts='" + posted.getTs() + "']");
        WebElement shown = waitFor().until(ExpectedConditions.visibilityOfElementLocated(message));
        assertThat(shown.getText())
                .contains("\uD83D\uDD34 INC-9 since Feb 18, 2014 3:39 PM")
                .contains(":no_such_emoji: 2014-02-18 3:39:42 PM")
                .doesNotContain("red_circle", "<!date", "14:39 UTC");
        assertThat(shown.findElement(By.cssSelector("a.date")).getAttribute("href"))
                .isEqualTo("https://example.com/x");
        WebElement image = shown.findElement(By.cssSelector(".block-image img"));
        waitFor()
                .until(d ->
                        ((Number) ((JavascriptExecutor) d).executeScript("return arguments[0].naturalWidth;", image))
                                        .intValue()
                                == 40);
        assertThat(image.getAttribute("alt")).isEqualTo("CPU graph");

        assertThat(slack.filesDelete(r -> r.file(url.getFileId())).isOk()).isTrue();
        browser.navigate().refresh();
        waitFor().until(ExpectedConditions.textToBePresentInElementLocated(message, "This file was deleted."));
    }

    private static byte[] png(int width, int height) throws IOException {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(image, "png", out);
        return out.toByteArray();
    }

    @Test
    void shouldSnoozeForFourHoursFromTheMessagesMenu() throws Exception {
        MethodsClient slack = sdk.methods();
        AtomicReference<String> updateError = new AtomicReference<>();
        app.answerWith(request -> snooze(slack, request, updateError));
        ChatPostMessageResponse posted = slack.chatPostMessage(r -> r.channel("#general")
                .text("INC-3 firing: queue depth")
                .blocks(SlackSdk.incidentBlocks("Queue depth high on orders")));
        assertThat(posted.isOk()).as(posted.getError()).isTrue();

        browser.get(workspace.pageUrl() + "?channel=general&user=carol");
        By incident = By.cssSelector("#messages [data-ts='" + posted.getTs() + "']");
        WebElement shown = waitFor().until(ExpectedConditions.visibilityOfElementLocated(incident));
        Select menu = new Select(shown.findElement(By.cssSelector("select[data-action-id='snooze']")));
        assertThat(menu.getFirstSelectedOption().getText()).isEqualTo("Snooze");
        assertThat(menu.getOptions())
                .extracting(WebElement::getText)
                .containsExactly("Snooze", "1 h", "4 h", "Tomorrow 09:00");
        menu.selectByVisibleText("4 h");

        waitFor().until(ExpectedConditions.textToBePresentInElementLocated(incident, "Snoozed for 4 h by @Carol"));
        assertThat(updateError.get()).isNull();
        TestSlackApp.Received choice = lastRequest();
        JsonNode action = choice.payload().path("actions").get(0);
        assertThat(action.path("type").asText()).isEqualTo("static_select");
        assertThat(action.path("action_id").asText()).isEqualTo("snooze");
        assertThat(action.path("selected_option").path("value").asText()).isEqualTo(SlackSdk.SNOOZE_OPTIONS.get("4 h"));
        assertThat(choice.payload().path("user").path("name").asText()).isEqualTo("carol");
    }

    @Test
    void shouldOpenThreadsAndShowTheEphemeralAnswerToASlashCommand() throws Exception {
        MethodsClient slack = sdk.methods();
        String parent = slack.chatPostMessage(r -> r.channel("#payments-alerts").text("INC-2 payments latency"))
                .getTs();
        slack.chatPostMessage(
                r -> r.channel("#payments-alerts").threadTs(parent).text("Escalated to @bob"));
        app.answerWith(request ->
                TestSlackApp.Answer.json("{\"response_type\":\"ephemeral\",\"text\":\"1 open incident: *INC-2*\"}"));

        browser.get(workspace.pageUrl() + "?channel=payments-alerts&user=bob");
        By message = By.cssSelector("#messages [data-ts='" + parent + "']");
        WebElement shown = waitFor().until(ExpectedConditions.visibilityOfElementLocated(message));
        shown.findElement(By.cssSelector(".thread-toggle")).click();
        waitFor().until(ExpectedConditions.textToBePresentInElementLocated(message, "Escalated to @bob"));

        WebElement input = browser.findElement(By.id("composer-input"));
        input.sendKeys("/alerts list", Keys.ENTER);

        By ephemeral = By.cssSelector("#messages .message.ephemeral");
        waitFor().until(ExpectedConditions.textToBePresentInElementLocated(ephemeral, "1 open incident: INC-2"));
        assertThat(browser.findElement(ephemeral).getText()).contains("Only visible to you");
        assertThat(browser.findElement(ephemeral).findElement(By.tagName("b")).getText())
                .isEqualTo("INC-2");
        TestSlackApp.Received command = lastRequest();
        assertThat(command.form()).containsEntry("command", "/alerts").containsEntry("text", "list");
        assertThat(command.form().get("user_name")).isEqualTo("bob");
    }

    /** The app's side: a verified click becomes chat.update through the Slack SDK, as the product's handler does. */
    private static TestSlackApp.Answer acknowledge(
            MethodsClient slack, TestSlackApp.Received request, AtomicReference<String> error) {
        try {
            JsonNode payload = request.payload();
            String channel = payload.path("channel").path("id").asText();
            String ts = payload.path("container").path("message_ts").asText();
            String user = payload.path("user").path("id").asText();
            ChatUpdateResponse updated = slack.chatUpdate(r -> r.channel(channel)
                    .ts(ts)
                    .text("INC-1 acknowledged")
                    .blocks(asBlocks(
                            section(s -> s.blockId("summary").text(markdownText("*CPU high on payments-api*"))),
                            context(c -> c.elements(List.of(markdownText("Acknowledged by <@" + user + ">"))))))
                    .attachments(List.of(Attachment.builder()
                            .color("#ecb22e")
                            .text("ACKNOWLEDGED")
                            .build())));
            if (!updated.isOk()) {
                error.set(updated.getError());
            }
        } catch (Exception e) {
            error.set(e.toString());
        }
        return TestSlackApp.Answer.ok();
    }

    /** The app's side of a snooze: the chosen option's label goes into the edited message. */
    private static TestSlackApp.Answer snooze(
            MethodsClient slack, TestSlackApp.Received request, AtomicReference<String> error) {
        try {
            JsonNode payload = request.payload();
            String label = payload.at("/actions/0/selected_option/text/text").asText();
            String user = payload.path("user").path("id").asText();
            ChatUpdateResponse updated = slack.chatUpdate(
                    r -> r.channel(payload.path("channel").path("id").asText())
                            .ts(payload.path("container").path("message_ts").asText())
                            .text("INC-3 snoozed")
                            .blocks(asBlocks(section(s -> s.blockId("summary")
                                    .text(markdownText(":zzz: Snoozed for " + label + " by <@" + user + ">"))))));
            if (!updated.isOk()) {
                error.set(updated.getError());
            }
        } catch (Exception e) {
            error.set(e.toString());
        }
        return TestSlackApp.Answer.ok();
    }

    private static TestSlackApp.Received lastRequest() throws InterruptedException {
        TestSlackApp.Received last = app.next();
        while (app.pending() > 0) {
            last = app.next();
        }
        assertThat(last.signatureValid()).isTrue();
        return last;
    }

    private static WebDriverWait waitFor() {
        return new WebDriverWait(browser, WAIT);
    }

    private static void deleteQuietly(Path path) {
        try {
            Files.deleteIfExists(path);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
