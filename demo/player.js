/* global __CONVERSATION__ -- replaced by scripts/start.ts with demo/conversation.json */
// Plays demo/conversation.json into a fixture chat page, one message at a time, as a chat would.
(function play(conv) {
  let i = 0;
  function next() {
    const m = conv.messages[i++];
    if (!m) return;
    window.chatFixture.add(m.dir, m.text);
    setTimeout(next, m.delayMs);
  }
  setTimeout(next, 500);
})(__CONVERSATION__);
