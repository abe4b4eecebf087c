package extract

// Word lists that tell names from the words around them. They describe
// English news prose in general, not any one article.

// titleWords are words of titles and honorifics that precede or run into
// a name: "Russian President Vladimir Putin", "Ayatollah Seyyed Ali Khamenei".
var titleWords = setOf("mullah", "mawlawi", "maulana", "haji", "president", "presidents", "leaders", "kings", "premiers", "chancellors", "senators", "vice", "prime", "minister", "ministers", "foreign", "deputy", "secretary",
	"general", "special", "envoy", "representative", "ambassador", "king", "queen", "prince", "princess",
	"crown", "emir", "sheikh", "sheik", "sultan", "ayatollah", "seyyed", "sayyid", "sayed", "mr", "mr.", "mrs",
	"mrs.", "ms", "ms.", "dr", "dr.", "gen", "gen.", "lt", "lt.", "col", "col.", "maj.", "capt.", "senator", "sen",
	"sen.", "rep", "rep.", "congressman", "congresswoman", "speaker", "chancellor", "chief", "commander",
	"admiral", "marshal", "leader", "supreme", "chairman", "chairwoman", "chair", "director", "governor",
	"mayor", "judge", "justice", "pope", "cardinal", "archbishop", "patriarch", "excellency", "highness",
	"majesty", "h.e.", "defense", "defence", "interior", "finance", "economy", "trade", "security", "national",
	"adviser", "advisor", "spokesman", "spokeswoman", "spokesperson", "top", "diplomat", "head", "first",
	"senior", "assistant", "undersecretary", "under-secretary", "affairs", "premier", "colonel", "lieutenant",
	"major", "captain", "sergeant", "general-secretary", "secretary-general", "emissary", "counsellor",
	"counselor", "consul", "attaché", "minister-counsellor", "foreign-minister", "hojatoleslam", "imam", "rabbi",
	"father", "bishop", "lord", "lady", "sir", "dame", "madam", "madame", "monsieur", "herr", "state", "mp",
	"lawmaker", "legislator", "official", "officials", "presidential", "acting", "former", "outgoing",
	"incoming", "designate", "elect", "interim", "caretaker", "grand", "mufti", "high", "commissioner",
	"ambassador-at-large", "vice-president", "vice-premier", "co-chair", "co-chairman", "negotiator",
	"coordinator", "chief-of-staff", "staff", "joint", "chiefs", "army", "navy", "air", "force", "mission",
	"delegation", "delegate", "hrh", "his", "her")

// personTitles stand before a person's name; a single word after one is a
// surname ("President Abiy", "Mr. Lavrov"). Adjectives of titles
// ("Presidential", "National") are not among them.
var personTitles = setOf("mullah", "mawlawi", "maulana", "president", "minister", "mr", "mrs", "ms", "dr", "gen", "general", "king", "queen",
	"prince", "princess", "emir", "sheikh", "sheik", "sultan", "ayatollah", "chancellor", "premier", "senator",
	"sen", "rep", "speaker", "secretary", "ambassador", "envoy", "admiral", "colonel", "pope", "cardinal",
	"archbishop", "judge", "governor", "mayor", "chairman", "chairwoman", "director", "commissioner", "leader",
	"deputy", "adviser", "advisor", "spokesman", "spokeswoman", "lt", "col", "maj", "capt", "marshal", "imam",
	"hojatoleslam", "mufti", "lord", "sir", "dame", "madam", "monsieur", "hrh", "h.e", "counsellor")

// orgWords mark a capitalised phrase as an organisation, a place or a
// thing rather than a person.
var orgWords = setOf("ministry", "council", "committee", "commission", "republic", "revolution", "agency",
	"organization", "organisation", "union", "nations", "party", "forces", "assembly", "parliament", "congress",
	"senate", "court", "university", "bank", "company", "corp", "corporation", "news", "tv", "television",
	"radio", "times", "post", "daily", "press", "media", "house", "capitol", "front", "group", "process", "talks",
	"summit", "conference", "office", "embassy", "guard", "guards", "corps", "institute", "foundation",
	"federation", "fund", "movement", "alliance", "coalition", "brigade", "brigades", "authority", "board",
	"department", "service", "center", "centre", "network", "channel", "journal", "tribune", "herald",
	"gazette", "telegraph", "review", "monitor", "observatory", "programme", "program", "plan", "deal", "accord",
	"agreement", "treaty", "initiative", "square", "street", "palace", "hall", "airport", "hotel", "mosque",
	"church", "cathedral", "stadium", "museum", "hospital", "province", "region", "district", "county", "island",
	"islands", "sea", "ocean", "river", "mountains", "gulf", "strait", "east", "west", "north", "south",
	"middle", "central", "democrats", "republicans", "democrat", "republican", "states", "kingdom", "emirates",
	"club", "league", "cup", "games", "olympics", "championship", "forum", "format", "zone", "zones", "war",
	"crisis", "conflict", "day", "week", "month", "year", "act", "law", "resolution", "constitution",
	"declaration", "communique", "statement", "inc", "ltd", "llc", "ministries", "police",
	"military", "navy", "secretariat", "cabinet", "government", "administration", "regime", "opposition",
	"presidency", "chamber", "duma", "knesset", "majlis", "bundestag", "sejm", "diet", "kremlin", "pentagon",
	"airlines", "airways", "oil", "gas", "energy", "petroleum", "holdings", "exchange", "market", "index",
	"al-qaeda", "isis", "isil", "daesh", "taliban", "hezbollah", "hamas", "state", "islamic", "arab", "catholic",
	"orthodox", "muslim", "christian", "jewish", "sunni", "shia", "shiite", "kurdish", "communist",
	"socialist", "liberal", "conservative", "labour", "labor", "green", "greens", "peoples", "people",
	"nationalist", "democratic", "popular", "independent", "national", "international", "global", "world",
	"european", "asian", "african", "american", "atlantic", "pacific", "united", "university", "school",
	"college", "academy", "reuters", "afp", "ap", "tass", "irna", "xinhua", "sputnik", "interfax",
	"anadolu", "yonhap", "kyodo", "bloomberg", "cnn", "bbc", "aljazeera", "al-jazeera", "sana", "isna",
	"tasnim", "fars", "mehr", "ria", "novosti", "trend", "wafa", "kuna", "wam", "spa", "mena", "apa", "ani",
	"pti", "efe", "ansa", "dpa", "pap", "ukrinform", "unian", "belta", "kazinform", "times", "guardian",
	"telegraph", "independent", "economist", "politico", "axios", "hill", "peninsula", "area", "valley",
	"desert", "coast", "border", "strip", "heights", "villa", "castle", "residence", "resort", "centre",
	"estate", "park", "gardens", "garden", "bridge", "port", "harbour", "harbor", "base", "camp", "compound",
	"building", "tower", "plaza", "avenue", "road", "lake", "bay", "canal", "basin", "corridor", "crossing",
	"province", "oblast", "governorate", "prefecture", "territory", "territories", "dialogue", "week",
	"library", "partnership", "cosmodrome", "spaceport", "cooperation", "framework", "strategy", "agenda",
	"memorial", "monument", "cemetery", "museum", "theatre", "theater", "arena", "pavilion", "chapel", "temple",
	"shrine", "barracks", "headquarters", "station", "terminal", "highway", "motorway", "mall", "market")

// locatives introduce a place or a building: an unknown name after them
// with no title is a venue ("at Villa La Grange"), not a person.
var locatives = setOf("at", "in", "near", "from", "inside", "outside", "into", "to", "across", "toward", "towards")

// stopCapitals are words that start sentences or clauses in capitals
// without being part of a name.
var stopCapitals = setOf("the", "a", "an", "in", "on", "at", "during", "following", "after", "before", "while",
	"both", "elsewhere", "however", "although", "though", "according", "he", "she", "they", "it", "his", "her",
	"their", "this", "that", "these", "those", "but", "and", "or", "as", "with", "for", "from", "by", "to", "of",
	"if", "when", "where", "what", "which", "who", "whom", "why", "how", "meanwhile", "moreover", "also",
	"earlier", "later", "last", "next", "today", "yesterday", "tomorrow", "since", "until", "despite", "amid",
	"among", "between", "over", "under", "about", "around", "through", "there", "here", "we", "i", "you", "our",
	"its", "all", "some", "many", "most", "several", "each", "every", "no", "not", "one", "two", "three",
	"second", "third", "new", "other", "another", "such", "speaking", "asked", "addressing", "like", "unlike",
	"upon", "instead", "then", "thus", "still", "yet", "so", "even", "only", "just", "now", "once", "again",
	"already", "further", "furthermore", "additionally", "in addition", "besides", "nevertheless",
	"nonetheless", "accordingly", "therefore", "hence", "indeed", "notably", "separately", "similarly",
	"likewise", "finally", "overall", "regarding", "concerning", "talking", "commenting", "writing",
	"photo", "picture", "image", "file", "video", "watch", "read", "see", "update", "updated", "breaking",
	"exclusive", "analysis", "opinion", "editorial", "comment", "report", "reports", "sources", "source",
	"officials", "official", "earlier", "tags", "related", "latest", "more", "share", "subscribe", "sign",
	"advertisement", "click", "follow", "copyright", "all", "rights", "reserved", "monday", "tuesday",
	"wednesday", "thursday", "friday", "saturday", "sunday", "will", "would", "could", "should", "can", "must",
	"did", "does", "do", "has", "have", "had", "is", "are", "was", "were", "be", "being", "been", "let",
	"said", "says", "told", "added", "noted", "stressed", "emphasized", "emphasised", "underlined",
	"mr", "mrs", "ms", "dr", "prof", "whether", "whose", "nor", "either", "neither", "than", "because")

// nameParticles join the parts of a name: "Bashar al-Assad", "Ursula von der Leyen".
var nameParticles = setOf("al", "bin", "ibn", "bint", "de", "da", "das", "dos", "di", "du", "van", "von",
	"der", "den", "la", "le", "el", "abu", "ben", "y", "del", "zu", "ter", "ul")

// principalNouns are the people who act for someone else: a name they
// are "of", "to" or "for", or that owns them ("Putin's envoy"), is the
// principal and not a party to the meeting.
var principalNouns = setOf("envoy", "emissary", "representative", "adviser", "advisor", "aide", "aides",
	"spokesman", "spokeswoman", "spokesperson", "assistant", "deputy", "man", "point", "secretary",
	"counsellor", "counselor", "minister", "ministers", "administration", "government", "regime", "office",
	"wife", "husband", "son", "daughter", "family", "brother", "sister", "lawyer", "lawyers", "camp",
	"allies", "ally", "party", "team", "cabinet", "chief", "staff", "delegation", "troops", "forces",
	"supporters", "loyalists", "successor", "predecessor", "critics", "opponent", "opponents", "visit",
	"trip", "tour", "statement", "remarks", "speech", "words", "comments", "message", "letter", "call",
	"decision", "policy", "plan", "proposal", "order", "invitation", "behalf", "side", "counterpart",
	"stance", "position", "view", "views", "request", "approval", "consent", "rule", "reign", "era",
	"death", "election", "re-election", "inauguration", "palace", "residence", "dacha", "mansion",
	"headquarters", "motorcade", "plane", "jet", "spokesmen", "emissaries", "envoys", "advisers", "advisors",
	"representatives")

// attributionCues precede a source that is quoted, never a party.
var attributionCues = []string{"according to", "told", "quoted", "cited", "interview with", "reported by",
	"as reported by", "citing", "speaking to", "told reporters", "said in", "a statement from"}

// groupWords denote a named body when they follow a country adjective.
var governmentWords = setOf("government", "authorities", "administration", "leadership", "side", "regime")

// topicPrepositions introduce what a meeting was about or where it was,
// so a country after them is not a party.
var topicPrepositions = setOf("in", "on", "about", "over", "regarding", "into", "against", "from", "across",
	"throughout", "within", "toward", "towards", "inside", "to", "for", "of", "at", "near", "under",
	"concerning", "around", "through", "via", "beyond", "outside", "than", "like")

// monthWords may end a name (Theresa May, Dong Jun) but never start one:
// "March Lavrov" is a date and a name.
var monthWords = setOf("january", "february", "march", "april", "may", "june", "july", "august",
	"september", "october", "november", "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep",
	"sept", "oct", "nov", "dec")
