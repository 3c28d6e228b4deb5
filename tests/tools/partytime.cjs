// Podcast Index's parser (podcast-partytime) over one feed file: what it read, as JSON.
const fs = require("fs");
const { parseFeed } = require("podcast-partytime");

const feed = parseFeed(fs.readFileSync(process.argv[2], "utf8"), { allowMissingGuid: false });
process.stdout.write(JSON.stringify(feed === null ? null : {
  title: feed.title,
  guid: feed.guid,
  items: feed.items.map((item) => ({
    title: item.title,
    guid: item.guid,
    enclosure: item.enclosure,
    duration: item.duration,
    chapters: item.podcastChapters || null,
    transcripts: item.podcastTranscripts || [],
    people: item.podcastPeople || [],
  })),
}));
