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

  function image(element) {
    const img = document.createElement('img');
    img.src = /^https?:/.test(element.image_url || '') ? element.image_url : '';
    img.alt = element.alt_text || '';
    return img;
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
    return object.type === 'plain_text' ? span(className, object.text || '') : mrkdwnElement(className, object.text || '');
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
    return text.replace(/\u0000(\d+)\u0000/g, (m, index) => held[Number(index)]);
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
