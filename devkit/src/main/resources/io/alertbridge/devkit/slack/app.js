// The local Slack workspace's page: channels on the left, messages with Block Kit rendered, threads under their
// message, live updates from the server's event stream. Button clicks, menu choices and typed commands go to the
// server, which signs them and sends them to the app, so the browser never holds the signing secret. No build step,
// no library.
(() => {
  'use strict';

  const view = {
    workspace: null,
    channelId: null,
    userId: null,
    highlightTs: null,
    expanded: new Set(),
    rendered: new Map(),
    refreshing: false,
    refreshAgain: false,
  };
  const $ = (id) => document.getElementById(id);

  // ---- server calls ----

  async function getJson(url) {
    const response = await fetch(url, { cache: 'no-store' });
    if (!response.ok) {
      throw new Error(url + ' answered ' + response.status);
    }
    return response.json();
  }

  async function postJson(url, body) {
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(body),
    });
    return response.json();
  }

  // ---- selection ----

  function initialChannel(workspace) {
    const channels = workspace.channels;
    const byId = (id) => channels.find((c) => c.id === id);
    const byName = (name) => channels.find((c) => c.name === name.replace(/^#/, ''));
    const archive = location.pathname.match(/^\/archives\/([A-Z0-9]+)(?:\/p(\d+))?/);
    if (archive && byId(archive[1])) {
      if (archive[2]) {
        const digits = archive[2];
        const threadTs = new URLSearchParams(location.search).get('thread_ts');
        if (threadTs) {
          view.expanded.add(threadTs);
        }
        view.highlightTs = threadTs || digits.slice(0, -6) + '.' + digits.slice(-6);
      }
      return archive[1];
    }
    const asked = new URLSearchParams(location.search).get('channel');
    const chosen = (asked && (byId(asked) || byName(asked)))
      || byId(localStorage.getItem('local-slack.channel') || '')
      || byName('alerts')
      || channels[0];
    return chosen ? chosen.id : null;
  }

  function initialUser(workspace) {
    const people = workspace.users.filter((u) => !u.is_bot);
    const asked = new URLSearchParams(location.search).get('user');
    const saved = localStorage.getItem('local-slack.user');
    const chosen = people.find((u) => u.id === asked || u.name === asked)
      || people.find((u) => u.id === saved)
      || people[0];
    return chosen ? chosen.id : null;
  }

  function selectChannel(id) {
    view.channelId = id;
    view.rendered.clear();
    $('messages').replaceChildren();
    localStorage.setItem('local-slack.channel', id);
    renderSidebar();
    refresh();
  }

  // ---- rendering: sidebar ----

  function renderSidebar() {
    const workspace = view.workspace;
    $('team').textContent = workspace.team;
    const list = $('channels');
    list.replaceChildren(...workspace.channels.map((channel) => {
      const item = document.createElement('li');
      item.dataset.channelId = channel.id;
      item.dataset.channelName = channel.name;
      item.className = (channel.id === view.channelId ? 'selected ' : '') + (channel.is_archived ? 'archived' : '');
      item.textContent = (channel.is_private ? '\u{1F512} ' : '# ') + channel.name;
      if (channel.message_count > 0) {
        const count = document.createElement('span');
        count.className = 'count';
        count.textContent = channel.message_count;
        item.append(count);
      }
      item.addEventListener('click', () => selectChannel(channel.id));
      return item;
    }));
    const select = $('user-select');
    if (select.options.length === 0) {
      for (const user of workspace.users.filter((u) => !u.is_bot)) {
        select.add(new Option(user.real_name + ' (@' + user.name + ')', user.id));
      }
      select.addEventListener('change', () => {
        view.userId = select.value;
        localStorage.setItem('local-slack.user', view.userId);
        view.rendered.clear();
        refresh();
      });
    }
    select.value = view.userId;
    const channel = currentChannel();
    $('channel-name').textContent = channel ? (channel.is_private ? '\u{1F512} ' : '#') + channel.name : '';
    $('channel-info').textContent = channel
      ? (channel.is_archived ? 'archived \u00b7 ' : '') + (channel.bot_is_member ? 'the app is in this channel' : 'the app is not in this channel')
      : '';
    $('app-status').textContent = workspace.interactivity_url
      ? 'Buttons go to ' + workspace.interactivity_url
      : 'No interactivity URL: buttons go nowhere until the app is running.';
  }

  function currentChannel() {
    return view.workspace && view.workspace.channels.find((c) => c.id === view.channelId);
  }

  function userName(id) {
    const user = view.workspace && view.workspace.users.find((u) => u.id === id);
    return user ? user.real_name || user.name : id;
  }

  // ---- rendering: messages ----

  function renderMessages(data) {
    const container = $('messages');
    const atBottom = container.scrollHeight - container.scrollTop - container.clientHeight < 40;
    const items = data.messages.map((m) => ({ key: 'm' + m.ts, message: m, ephemeral: false }))
      .concat(data.ephemerals.map((m) => ({ key: 'e' + m.ts, message: m, ephemeral: true })))
      .sort((a, b) => parseFloat(a.message.ts) - parseFloat(b.message.ts));
    const next = new Map();
    const elements = items.map((item) => {
      const signature = JSON.stringify(item.message) + (view.expanded.has(item.message.ts) ? '+' : '-');
      const previous = view.rendered.get(item.key);
      const element = previous && previous.signature === signature
        ? previous.element
        : renderMessage(item.message, item.ephemeral, false);
      next.set(item.key, { signature, element });
      return element;
    });
    view.rendered = next;
    if (elements.length === 0) {
      const empty = document.createElement('div');
      empty.className = 'empty';
      empty.textContent = 'No messages yet.';
      container.replaceChildren(empty);
      return;
    }
    container.replaceChildren(...elements);
    if (view.highlightTs) {
      const target = container.querySelector('[data-ts="' + view.highlightTs + '"]');
      if (target) {
        target.classList.add('highlight');
        target.scrollIntoView({ block: 'center' });
        view.highlightTs = null;
        return;
      }
    }
    if (atBottom) {
      container.scrollTop = container.scrollHeight;
    }
  }

  function renderMessage(message, ephemeral, isReply) {
    const element = document.createElement('div');
    element.className = 'message' + (ephemeral ? ' ephemeral' : '');
    element.dataset.ts = message.ts;
    const meta = document.createElement('div');
    meta.className = 'meta';
    meta.append(span('author', message.bot_id ? botName(message) : userName(message.user)));
    if (message.bot_id) {
      meta.append(span('app-badge', 'APP'));
    }
    meta.append(span('time', new Date(parseFloat(message.ts) * 1000).toLocaleTimeString()));
    if (message.edited) {
      meta.append(span('edited', '(edited)'));
    }
    if (ephemeral) {
      meta.append(span('only-you', 'Only visible to you'));
    }
    element.append(meta);
    const hasBlocks = Array.isArray(message.blocks) && message.blocks.length > 0;
    if (hasBlocks) {
      element.append(renderBlocks(message.blocks, message, ephemeral));
    } else if (message.text) {
      element.append(mrkdwnElement('text', message.text));
    }
    if (Array.isArray(message.files) && message.files.length > 0) {
      element.append(renderFiles(message.files));
    }
    for (const attachment of message.attachments || []) {
      element.append(renderAttachment(attachment, message, ephemeral));
    }
    if (!isReply && Array.isArray(message.replies) && message.replies.length > 0) {
      element.append(renderThread(message));
    }
    return element;
  }

  function botName(message) {
    return (message.bot_profile && message.bot_profile.name) || userName(message.user);
  }

  function renderThread(message) {
    const wrapper = document.createElement('div');
    const open = view.expanded.has(message.ts);
    const toggle = document.createElement('button');
    toggle.className = 'thread-toggle';
    const count = message.replies.length;
    toggle.textContent = (open ? 'Hide ' : '') + count + (count === 1 ? ' reply' : ' replies');
    toggle.addEventListener('click', () => {
      if (view.expanded.has(message.ts)) {
        view.expanded.delete(message.ts);
      } else {
        view.expanded.add(message.ts);
      }
      refresh();
    });
    wrapper.append(toggle);
    if (open) {
      const thread = document.createElement('div');
      thread.className = 'thread';
      thread.append(...message.replies.map((reply) => renderMessage(reply, false, true)));
      wrapper.append(thread);
    }
    return wrapper;
  }

  function renderAttachment(attachment, message, ephemeral) {
    const element = document.createElement('div');
    element.className = 'attachment';
    const bar = document.createElement('div');
    bar.className = 'bar';
    bar.style.background = colour(attachment.color);
    const body = document.createElement('div');
    body.className = 'attachment-body';
    if (attachment.pretext) {
      body.append(mrkdwnElement('text', attachment.pretext));
    }
    if (attachment.title) {
      body.append(span('title', attachment.title));
    }
    if (attachment.text) {
      body.append(mrkdwnElement('text', attachment.text));
    }
    if (Array.isArray(attachment.fields) && attachment.fields.length > 0) {
      const fields = document.createElement('div');
      fields.className = 'fields';
      for (const field of attachment.fields) {
        const cell = document.createElement('div');
        cell.append(span('title', field.title || ''), mrkdwnElement('text', field.value || ''));
        fields.append(cell);
      }
      body.append(fields);
    }
    if (Array.isArray(attachment.blocks)) {
      body.append(renderBlocks(attachment.blocks, message, ephemeral));
    }
    if (attachment.footer) {
      body.append(span('time', attachment.footer));
    }
    element.append(bar, body);
    return element;
  }

  function colour(value) {
    const named = { good: '#2eb67d', warning: '#ecb22e', danger: '#e01e5a' };
    if (!value) {
      return '#dddddd';
    }
    if (named[value]) {
      return named[value];
    }
    const hex = value.startsWith('#') ? value : '#' + value;
    return /^#[0-9a-fA-F]{3,8}$/.test(hex) ? hex : '#dddddd';
  }

  function renderBlocks(blocks, message, ephemeral) {
    const container = document.createElement('div');
    container.className = 'blocks';
    for (const block of blocks) {
      container.append(renderBlock(block, message, ephemeral));
    }
    return container;
  }

  function renderBlock(block, message, ephemeral) {
    switch (block.type) {
      case 'header':
        return textElement('block-header', block.text);
      case 'divider': {
        const rule = document.createElement('hr');
        rule.className = 'block-divider';
        return rule;
      }
      case 'section':
        return renderSection(block, message, ephemeral);
      case 'context': {
        const context = document.createElement('div');
        context.className = 'block-context';
        for (const element of block.elements || []) {
          context.append(element.type === 'image' ? image(element) : textElement('context-text', element));
        }
        return context;
      }
      case 'actions': {
        const actions = document.createElement('div');
        actions.className = 'block-actions';
        for (const element of block.elements || []) {
          actions.append(renderElement(element, block, message, ephemeral));
        }
        return actions;
      }
      case 'image': {
        const wrapper = document.createElement('div');
        wrapper.className = 'block-image';
        if (block.title) {
          wrapper.append(textElement('title', block.title));
        }
        wrapper.append(image(block));
        return wrapper;
      }
      case 'markdown':
        return mrkdwnElement('text', block.text || '');
      case 'rich_text':
        return mrkdwnElement('text', richText(block));
      default:
        return span('element-other', '[' + block.type + ' block]');
    }
  }

  function renderSection(block, message, ephemeral) {
    const section = document.createElement('div');
    section.className = 'block-section';
    const body = document.createElement('div');
    body.className = 'section-body';
    if (block.text) {
      body.append(textElement('text', block.text));
    }
    if (Array.isArray(block.fields)) {
      const fields = document.createElement('div');
      fields.className = 'fields';
      fields.append(...block.fields.map((field) => textElement('text', field)));
      body.append(fields);
    }
    section.append(body);
    if (block.accessory) {
      section.append(block.accessory.type === 'image'
        ? image(block.accessory)
        : renderElement(block.accessory, block, message, ephemeral));
    }
    return section;
  }

  function renderElement(element, block, message, ephemeral) {
    if (element.type === 'static_select') {
      return renderSelect(element, block, message);
    }
    if (element.type !== 'button') {
      const label = element.placeholder ? element.placeholder.text : element.type;
      return span('element-other', label);
    }
    const button = document.createElement('button');
    button.type = 'button';
    button.className = 'button' + (element.style ? ' ' + element.style : '');
    button.textContent = element.text ? element.text.text : 'Button';
    button.dataset.actionId = element.action_id || '';
    button.dataset.blockId = block.block_id || '';
    button.addEventListener('click', () => act(message, element, block, button, undefined));
    return button;
  }

  // A static select: choosing an option sends it at once, as in Slack (no submit button).
  function renderSelect(element, block, message) {
    const select = document.createElement('select');
    select.className = 'select';
    select.dataset.actionId = element.action_id || '';
    select.dataset.blockId = block.block_id || '';
    const placeholder = new Option(element.placeholder ? element.placeholder.text : 'Select an option', '', true, true);
    placeholder.disabled = true;
    select.add(placeholder);
    const options = (element.options || [])
      .concat(...(element.option_groups || []).map((group) => group.options || []));
    for (const option of options) {
      select.add(new Option(option.text ? option.text.text : option.value, option.value));
    }
    if (element.initial_option) {
      select.value = element.initial_option.value;
    }
    select.addEventListener('change', () => act(message, element, block, select, select.value));
    return select;
  }

  // An image by URL, or a file uploaded to the workspace (slack_file by id or url), served by the page.
  function image(element) {
    const img = document.createElement('img');
    const file = element.slack_file;
    if (file) {
      img.src = '/page/file?' + (file.id ? 'id=' + encodeURIComponent(file.id) : 'url=' + encodeURIComponent(file.url || ''));
      img.className = 'slack-file';
      img.addEventListener('error', () => img.replaceWith(span('element-other', 'This file was deleted.')));
    } else {
      img.src = /^https?:/.test(element.image_url || '') ? element.image_url : '';
    }
    img.alt = element.alt_text || '';
    img.title = element.alt_text || '';
    return img;
  }

  // The files a message shares (files.completeUploadExternal with a channel): images inline, others by name.
  function renderFiles(files) {
    const container = document.createElement('div');
    container.className = 'files';
    for (const file of files) {
      if (file.mode === 'tombstone') {
        container.append(span('element-other', 'This file was deleted.'));
      } else if ((file.mimetype || '').startsWith('image/')) {
        const img = image({ slack_file: { id: file.id }, alt_text: file.alt_txt || file.title || file.name });
        container.append(img);
      } else {
        container.append(span('element-other', '\u{1F4CE} ' + (file.title || file.name)));
      }
    }
    return container;
  }

  function richText(block) {
    const parts = [];
    const walk = (node) => {
      if (node.type === 'text') {
        parts.push(node.text);
      } else if (node.type === 'link') {
        parts.push(node.text || node.url);
      } else if (node.type === 'user') {
        parts.push('<@' + node.user_id + '>');
      }
      (node.elements || []).forEach(walk);
    };
    walk(block);
    return parts.join('');
  }

  // ---- text: plain_text and Slack's mrkdwn ----

  function textElement(className, object) {
    if (!object) {
      return span(className, '');
    }
    if (object.type === 'plain_text') {
      const element = span(className, '');
      element.innerHTML = object.emoji === false ? escapeHtml(object.text || '') : emoji(escapeHtml(object.text || ''));
      return element;
    }
    return mrkdwnElement(className, object.text || '');
  }

  function span(className, text) {
    const element = document.createElement('span');
    element.className = className;
    element.textContent = text;
    if (className === 'text' || className === 'block-header' || className === 'title') {
      element.style.display = 'block';
    }
    return element;
  }

  function mrkdwnElement(className, text) {
    const element = document.createElement('div');
    element.className = className;
    element.innerHTML = mrkdwn(text);
    return element;
  }

  function escapeHtml(text) {
    return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
  }

  function decodeEntities(text) {
    return text.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
  }

  /** Slack's mrkdwn to safe HTML: everything is escaped first, then tokens and formatting are added. */
  function mrkdwn(source) {
    const held = [];
    const hold = (html) => '\u0000' + (held.push(html) - 1) + '\u0000';
    let text = source.replace(/```([\s\S]*?)```/g, (m, code) => hold('<pre>' + escapeHtml(decodeEntities(code)) + '</pre>'));
    text = text.replace(/`([^`\n]+)`/g, (m, code) => hold('<code>' + escapeHtml(decodeEntities(code)) + '</code>'));
    text = text.replace(/<([^<>\n]+)>/g, (m, token) => hold(slackToken(token)));
    text = escapeHtml(decodeEntities(text));
    text = text.replace(/(^|[\s(>])\*([^*\n]+)\*(?=$|[\s.,!?;:)<])/gm, '$1<b>$2</b>');
    text = text.replace(/(^|[\s(>])_([^_\n]+)_(?=$|[\s.,!?;:)<])/gm, '$1<i>$2</i>');
    text = text.replace(/(^|[\s(>])~([^~\n]+)~(?=$|[\s.,!?;:)<])/gm, '$1<s>$2</s>');
    text = text.replace(/^&gt; ?(.*)$/gm, '<blockquote>$1</blockquote>');
    text = emoji(text);
    return text.replace(/\u0000(\d+)\u0000/g, (m, index) => held[Number(index)]);
  }

  // ---- emoji: the shortcodes the product writes, and a common set; unknown ones stay as typed, as in Slack ----

  const EMOJI = {
    red_circle: '\u{1F534}', large_orange_circle: '\u{1F7E0}', large_yellow_circle: '\u{1F7E1}',
    large_green_circle: '\u{1F7E2}', large_blue_circle: '\u{1F535}', white_circle: '\u26AA', black_circle: '\u26AB',
    white_check_mark: '\u2705', heavy_check_mark: '\u2714\uFE0F', x: '\u274C', warning: '\u26A0\uFE0F',
    information_source: '\u2139\uFE0F', rotating_light: '\u{1F6A8}', zzz: '\u{1F4A4}', eyes: '\u{1F440}',
    link: '\u{1F517}', chart_with_upwards_trend: '\u{1F4C8}', chart_with_downwards_trend: '\u{1F4C9}',
    bar_chart: '\u{1F4CA}', busts_in_silhouette: '\u{1F465}', bust_in_silhouette: '\u{1F464}',
    grey_question: '\u2754', question: '\u2753', exclamation: '\u2757', hourglass_flowing_sand: '\u23F3',
    hourglass: '\u231B', alarm_clock: '\u23F0', mute: '\u{1F507}', bell: '\u{1F514}', no_bell: '\u{1F515}',
    repeat: '\u{1F501}', leftwards_arrow_with_hook: '\u21A9\uFE0F', arrow_right: '\u27A1\uFE0F',
    fire: '\u{1F525}', boom: '\u{1F4A5}', rocket: '\u{1F680}', tada: '\u{1F389}', thumbsup: '\u{1F44D}',
    '+1': '\u{1F44D}', thumbsdown: '\u{1F44E}', '-1': '\u{1F44E}', pray: '\u{1F64F}', wave: '\u{1F44B}',
    smile: '\u{1F604}', slightly_smiling_face: '\u{1F642}', thinking_face: '\u{1F914}', sweat_smile: '\u{1F605}',
    heart: '\u2764\uFE0F', star: '\u2B50', bulb: '\u{1F4A1}', memo: '\u{1F4DD}', pushpin: '\u{1F4CC}',
    lock: '\u{1F512}', unlock: '\u{1F513}', key: '\u{1F511}', gear: '\u2699\uFE0F', wrench: '\u{1F527}',
    hammer_and_wrench: '\u{1F6E0}\uFE0F', construction: '\u{1F6A7}', stopwatch: '\u23F1\uFE0F',
    calendar: '\u{1F4C6}', clock1: '\u{1F550}', mag: '\u{1F50D}', inbox_tray: '\u{1F4E5}', outbox_tray: '\u{1F4E4}',
    package: '\u{1F4E6}', cloud: '\u2601\uFE0F', zap: '\u26A1', snowflake: '\u2744\uFE0F', sos: '\u{1F198}',
    no_entry: '\u26D4', no_entry_sign: '\u{1F6AB}', white_flag: '\u{1F3F3}\uFE0F', checkered_flag: '\u{1F3C1}',
    new: '\u{1F195}', up: '\u{1F199}', ok: '\u{1F197}', small_red_triangle: '\u{1F53A}',
    small_red_triangle_down: '\u{1F53B}', arrow_up: '\u2B06\uFE0F', arrow_down: '\u2B07\uFE0F',
    heavy_plus_sign: '\u2795', heavy_minus_sign: '\u2796', speech_balloon: '\u{1F4AC}', robot_face: '\u{1F916}',
    ghost: '\u{1F47B}', skull: '\u{1F480}', money_with_wings: '\u{1F4B8}', moneybag: '\u{1F4B0}',
  };

  // Shortcodes outside held tokens (code, links, dates are held apart by then): ':red_circle:' becomes the emoji.
  function emoji(html) {
    return html.replace(/:([a-z0-9_+-]+):/g, (m, name) => (EMOJI[name]
      ? '<span class="emoji" title=":' + name + ':">' + EMOJI[name] + '</span>'
      : m));
  }

  // ---- dates: <!date^EPOCH^format^link|fallback> in the page's time zone (?tz=Area/City, else the browser's) ----

  const PAGE_TZ = new URLSearchParams(location.search).get('tz') || undefined;
  const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October',
    'November', 'December'];
  const DAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

  // The calendar fields of an instant in the page's time zone.
  function zoned(date) {
    const parts = {};
    new Intl.DateTimeFormat('en-US', {
      timeZone: PAGE_TZ, year: 'numeric', month: 'numeric', day: 'numeric', weekday: 'short',
      hour: 'numeric', minute: '2-digit', second: '2-digit', hourCycle: 'h23',
    }).formatToParts(date).forEach((p) => { parts[p.type] = p.value; });
    const weekday = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'].indexOf(parts.weekday);
    return {
      year: Number(parts.year), month: Number(parts.month), day: Number(parts.day), weekday,
      hour: Number(parts.hour), minute: Number(parts.minute), second: Number(parts.second),
    };
  }

  function ordinal(n) {
    const suffix = n % 100 >= 11 && n % 100 <= 13 ? 'th' : ({ 1: 'st', 2: 'nd', 3: 'rd' }[n % 10] || 'th');
    return n + suffix;
  }

  function twelveHour(z, seconds) {
    const hour = z.hour % 12 === 0 ? 12 : z.hour % 12;
    return hour + ':' + String(z.minute).padStart(2, '0') + (seconds ? ':' + String(z.second).padStart(2, '0') : '')
      + (z.hour < 12 ? ' AM' : ' PM');
  }

  // today / yesterday / tomorrow when the day is one of those, in the page's time zone.
  function relativeDay(z) {
    const now = zoned(new Date());
    const dayNumber = (d) => Date.UTC(d.year, d.month - 1, d.day) / 86400000;
    const difference = dayNumber(z) - dayNumber(now);
    return { 0: 'today', '-1': 'yesterday', 1: 'tomorrow' }[difference];
  }

  function formatDate(epochSeconds, format) {
    const z = zoned(new Date(epochSeconds * 1000));
    const two = (n) => String(n).padStart(2, '0');
    const tokens = {
      date_num: z.year + '-' + two(z.month) + '-' + two(z.day),
      date_slash: two(z.day) + '/' + two(z.month) + '/' + z.year,
      date: MONTHS[z.month - 1] + ' ' + ordinal(z.day) + ', ' + z.year,
      date_short: MONTHS[z.month - 1].slice(0, 3) + ' ' + z.day + ', ' + z.year,
      date_long: DAYS[z.weekday] + ', ' + MONTHS[z.month - 1] + ' ' + ordinal(z.day) + ', ' + z.year,
      date_long_full: MONTHS[z.month - 1] + ' ' + z.day + ', ' + z.year,
      time: twelveHour(z, false),
      time_secs: twelveHour(z, true),
    };
    const relative = relativeDay(z);
    const capitalised = relative && relative[0].toUpperCase() + relative.slice(1);
    tokens.date_pretty = capitalised || tokens.date;
    tokens.date_short_pretty = capitalised || tokens.date_short;
    tokens.date_long_pretty = capitalised || tokens.date_long;
    tokens.day_divider_pretty = capitalised || tokens.date_long;
    let unknown = false;
    const text = format.replace(/\{([a-z_]+)\}/g, (m, name) => {
      if (!(name in tokens)) {
        unknown = true;
      }
      return tokens[name] || m;
    });
    return unknown ? null : text;
  }

  // <!date^EPOCH^format[^link]|fallback>: the fallback only when the token cannot be read, as in Slack.
  function dateToken(target, label) {
    const [, epoch, format, link] = target.split('^');
    const shown = /^\d+$/.test(epoch || '') && format ? formatDate(Number(epoch), decodeEntities(format)) : null;
    const text = escapeHtml(shown === null ? decodeEntities(label || '') : shown);
    const title = escapeHtml(new Date(Number(epoch) * 1000).toISOString());
    if (shown !== null && link && /^(https?:)/i.test(decodeEntities(link))) {
      return '<a class="date" title="' + title + '" href="' + escapeHtml(decodeEntities(link))
        + '" target="_blank" rel="noopener noreferrer">' + text + '</a>';
    }
    return '<span class="date" title="' + title + '">' + text + '</span>';
  }

  function slackToken(token) {
    const [target, label] = token.split('|', 2);
    if (target.startsWith('@')) {
      return '<span class="mention">@' + escapeHtml(label || userName(target.slice(1))) + '</span>';
    }
    if (target.startsWith('#')) {
      const channel = view.workspace.channels.find((c) => c.id === target.slice(1));
      return '<span class="mention">#' + escapeHtml(label || (channel ? channel.name : target.slice(1))) + '</span>';
    }
    if (target.startsWith('!date^')) {
      return dateToken(target, label);
    }
    if (target.startsWith('!')) {
      const special = target.slice(1).split('^')[0];
      const shown = label || (['channel', 'here', 'everyone'].includes(special) ? '@' + special : special);
      return '<span class="mention">' + escapeHtml(decodeEntities(shown)) + '</span>';
    }
    if (/^(https?:|mailto:)/i.test(target)) {
      return '<a href="' + escapeHtml(decodeEntities(target)) + '" target="_blank" rel="noopener noreferrer">'
        + escapeHtml(decodeEntities(label || target)) + '</a>';
    }
    return escapeHtml('<' + decodeEntities(token) + '>');
  }

  // ---- acting ----

  // A click on a button, or a choice in a menu (selectedValue set): the server signs it and sends it to the app.
  async function act(message, element, block, control, selectedValue) {
    control.disabled = true;
    try {
      const result = await postJson('/page/click', {
        channel: view.channelId,
        ts: message.ts,
        action_id: element.action_id,
        block_id: block.block_id,
        user: view.userId,
        selected_value: selectedValue,
      });
      if (!result.ok) {
        toast(explain(result), true);
      }
      if (element.url) {
        window.open(element.url, '_blank', 'noopener');
      }
    } catch (e) {
      toast('Not sent: ' + e.message, true);
    } finally {
      control.disabled = false;
    }
  }

  function explain(result) {
    switch (result.error) {
      case 'no_interactivity_url':
        return 'No interactivity URL is set: start the app (alertbridge dev) or set one.';
      case 'operation_timeout':
        return 'The app did not answer within 3 seconds (' + result.url + ').';
      case 'connection_failed':
        return 'The app could not be reached at ' + result.url + '.';
      case 'http_error':
        return 'The app answered HTTP ' + result.status + ' (' + result.url + ').';
      default:
        return 'Failed: ' + result.error;
    }
  }

  async function send(event) {
    event.preventDefault();
    const input = $('composer-input');
    const text = input.value.trim();
    if (!text) {
      return;
    }
    try {
      const result = await postJson('/page/send', { channel: view.channelId, user: view.userId, text });
      if (result.ok) {
        input.value = '';
      } else {
        toast(explain(result), true);
      }
    } catch (e) {
      toast('Not sent: ' + e.message, true);
    }
  }

  let toastTimer = null;
  function toast(text, isError) {
    const element = $('toast');
    element.textContent = text;
    element.className = 'show' + (isError ? ' error' : '');
    clearTimeout(toastTimer);
    toastTimer = setTimeout(() => { element.className = ''; }, 6000);
  }

  // ---- live updates ----

  async function refresh() {
    if (view.refreshing) {
      view.refreshAgain = true;
      return;
    }
    view.refreshing = true;
    try {
      do {
        view.refreshAgain = false;
        view.workspace = await getJson('/page/workspace');
        renderSidebar();
        if (view.channelId) {
          const query = '?channel=' + encodeURIComponent(view.channelId) + '&user=' + encodeURIComponent(view.userId || '');
          renderMessages(await getJson('/page/messages' + query));
        }
      } while (view.refreshAgain);
    } catch (e) {
      $('live').classList.remove('on');
    } finally {
      view.refreshing = false;
    }
  }

  function listen() {
    if (!window.EventSource) {
      setInterval(refresh, 1000);
      return;
    }
    const events = new EventSource('/page/events');
    events.addEventListener('change', refresh);
    events.onopen = () => $('live').classList.add('on');
    events.onerror = () => $('live').classList.remove('on');
  }

  async function start() {
    view.workspace = await getJson('/page/workspace');
    view.channelId = initialChannel(view.workspace);
    view.userId = initialUser(view.workspace);
    $('composer').addEventListener('submit', send);
    renderSidebar();
    await refresh();
    listen();
  }

  start().catch((e) => toast('The workspace could not be loaded: ' + e.message, true));
})();
