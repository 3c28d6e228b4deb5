// Marquee's part of the editor: Sveltia CMS started with the configuration the build generated
// (index.html), and a save check that refuses what the build would refuse, in the build's words.
(() => {
  const { config, rules, language, timezone } = JSON.parse(document.getElementById("marquee-editor").textContent);
  // A post without Lang is in the site's language: each language's collection lists its own posts.
  // Without Status it is published (Pelican's default): the list says so.
  const spoken = (data) => ({ ...data, lang: data.lang || language, status: data.status || "published" });

  // Posts are read in either form Marquee reads: YAML front matter, or Pelican's "Key: value"
  // lines (the posts written before the editor, and by `invoke new`); they are saved as YAML.
  const widgets = {};
  const order = []; // fields are written in the order the editor shows them
  for (const collection of config.collections) {
    for (const field of collection.fields || []) { // a file collection (the film's facts) has files instead
      widgets[field.name] = field.widget;
      if (!order.includes(field.name)) order.push(field.name);
    }
  }
  const rank = (name) => (order.includes(name) ? order.indexOf(name) : order.length);
  const typed = (name, text) => {
    if (widgets[name] === "list") return text.split(",").map((item) => item.trim()).filter(Boolean);
    if (widgets[name] === "number" && /^\d+$/.test(text)) return Number(text);
    if (widgets[name] === "boolean") return !/^(no|false|off)$/i.test(text);
    return text;
  };
  const fromLines = (text) => {
    const lines = text.split("\n");
    const data = {};
    let last = null;
    let end = 0;
    for (; end < lines.length; end += 1) {
      const line = lines[end];
      const field = /^([A-Za-z][A-Za-z0-9_-]*):\s*(.*)$/.exec(line);
      if (field) {
        last = field[1].toLowerCase();
        data[last] = field[2].trim();
      } else if (last && /^( {4}|\t)/.test(line)) {
        data[last] += `\n${line.trim()}`; // a continued value
      } else {
        break;
      }
    }
    for (const name of Object.keys(data)) data[name] = typed(name, data[name]);
    if (data["event-kind"] !== undefined) {
      // An event's own Status and Timezone, kept apart from Pelican's as the build does.
      if (data.status && !["draft", "review", "published", "hidden"].includes(data.status)) {
        data["event-status"] = data.status;
        delete data.status;
      }
      if (data.timezone) {
        data["event-timezone"] = data.timezone;
        delete data.timezone;
      }
    }
    data.body = lines.slice(end).join("\n").replace(/^\n+/, "");
    return data;
  };
  CMS.registerCustomFormat("marquee-frontmatter", "md", {
    fromFile(text) {
      const fenced = /^---\r?\n([\s\S]*?)\r?\n(?:---|\.\.\.)\r?\n?([\s\S]*)$/.exec(text);
      if (!fenced) return spoken(fromLines(text));
      // JSON_SCHEMA: dates stay the texts the editor's fields show ("2026-05-01 10:00").
      const data = jsyaml.load(fenced[1], { schema: jsyaml.JSON_SCHEMA }) || {};
      return spoken({ ...data, body: fenced[2].replace(/^\n+/, "") });
    },
    toFile(data) {
      const { body, ...fields } = data;
      if (fields.lang === language) delete fields.lang; // the site's language goes without saying
      const kept = Object.fromEntries(
        Object.entries(fields)
          .filter(([, value]) => !(value === null || value === undefined || value === "" ||
            (Array.isArray(value) && value.length === 0)))
          .sort(([a], [b]) => rank(a) - rank(b)),
      );
      return `---\n${jsyaml.dump(kept, { lineWidth: -1 })}---\n\n${body || ""}`.replace(/\n*$/, "\n");
    },
  });

  // A template sentence left in the text, whole or cut in two by typing into it: the build's rule
  // (content/problems.leftover), linear in the text.
  const leftover = (text, { sentences, piece }) =>
    sentences.some((sentence) => {
      if (text.includes(sentence)) return true;
      for (let cut = piece; cut <= sentence.length - piece; cut += 1) {
        const start = text.indexOf(sentence.slice(0, cut));
        if (start >= 0 && text.indexOf(sentence.slice(cut), start + cut) >= 0) return true;
      }
      return false;
    });

  const empty = (value) =>
    value === undefined || value === null || (typeof value === "string" && !value.trim()) || value.size === 0;

  CMS.registerEventListener({
    name: "preSave",
    handler: ({ entry }) => {
      const rule = rules[entry.get("collection")];
      if (!rule) return undefined;
      let data = entry.get("data");
      const problems = [];
      if (rule.dated !== false && empty(data.get("date"))) {
        // Stamped like `invoke new` does: now, in the site's time zone (the build reads a post's
        // date in it), wherever the phone is.
        const parts = Object.fromEntries(
          new Intl.DateTimeFormat("en-GB", {
            timeZone: timezone, year: "numeric", month: "2-digit", day: "2-digit",
            hour: "2-digit", minute: "2-digit", hourCycle: "h23",
          }).formatToParts(new Date()).map(({ type, value }) => [type, value]),
        );
        data = data.set("date", `${parts.year}-${parts.month}-${parts.day} ${parts.hour}:${parts.minute}`);
      }
      for (const [name, message] of Object.entries(rule.required)) {
        if (empty(data.get(name))) problems.push(message);
      }
      if (rule.alt && !empty(data.get("image")) && empty(data.get("image-alt"))) problems.push(rule.alt);
      const body = String(data.get("body") || "").split(/\s+/).join(" ");
      if (rule.leftover && leftover(body, rule.leftover)) problems.push(rule.leftover.message);
      for (const { earlier, later, message } of rule.order) {
        const [from, to] = [data.get(earlier), data.get(later)];
        // "YYYY-MM-DD HH:mm" texts in one time zone: their order is the order of the times.
        if (!empty(from) && !empty(to) && to <= from) problems.push(message.replace("{later}", to).replace("{earlier}", from));
      }
      // Sveltia CMS shows a "saving_failed" error's cause as it is, in its error dialog.
      if (problems.length) throw new Error("saving_failed", { cause: new Error(problems.join(" · ")) });
      return data;
    },
  });

  CMS.init({ config });
})();
