package extract

import (
	"crypto/sha256"
	"encoding/hex"
	"sort"
	"strings"
	"testing"

	"github.com/parleydata/parley"
	"github.com/parleydata/parley/pipeline/ingest"
	"github.com/parleydata/parley/pipeline/parse"
	"github.com/parleydata/parley/refdata"
)

func doc(text, published string) *parse.Document {
	h := sha256.Sum256([]byte(text))
	u := &ingest.Unit{InputPath: "t.txt", SourceID: "t", Text: text, Encoding: "utf-8", SHA256: hex.EncodeToString(h[:])}
	if published != "" {
		u.Published = &published
	}
	return parse.Parse(u)
}

// summary renders a mention as "status mode | parties | date | place".
func summary(m Mention) string {
	var ps []string
	for _, p := range m.Parties {
		ps = append(ps, p.Name)
	}
	sort.Strings(ps)
	place := ""
	if m.Place != nil {
		place = m.Place.Name
	}
	date := m.Date.Date.String()
	if date == "" {
		date = m.Date.Precision + ":" + m.Date.Weekday
	}
	return m.Status + " " + m.Mode + " | " + strings.Join(ps, "+") + " | " + date + " | " + place
}

func TestExtract(t *testing.T) {
	ex := New(refdata.DefaultRegistry())
	tests := []struct {
		name, text, published string
		want                  []string
	}{
		{"verb with titles and apposition",
			"Russian Foreign Minister Sergei Lavrov met U.S. Secretary of State Antony Blinken in Geneva on Friday.", "2022-01-21",
			[]string{"held in_person | Antony Blinken+Sergei Lavrov | 2022-01-21 | Geneva"}},
		{"principal is not a party",
			"A special envoy of Russian President Vladimir Putin, Alexander Lavrentiev, met with Ali Shamkhani in Tehran on Thursday.", "",
			[]string{"held in_person | Alexander Lavrentiev+Ali Shamkhani | weekday:Thursday | Tehran"}},
		{"possessive principal with a title",
			"Iran's Foreign Minister Hossein Amir-Abdollahian met the Russian President Vladimir Putin's special envoy for Syria, Alexander Lavrentiev, in Tehran.", "2021-11-22",
			[]string{"held in_person | Alexander Lavrentiev+Hossein Amir-Abdollahian | none: | Tehran"}},
		{"phone call",
			"Chinese Foreign Minister Wang Yi spoke by phone with his Iranian counterpart Hossein Amir-Abdollahian on Monday.", "2023-03-15",
			[]string{"held phone | Hossein Amir-Abdollahian+Wang Yi | 2023-03-13 | "}},
		{"planned",
			"Turkish President Recep Tayyip Erdogan will meet Russian President Vladimir Putin in Sochi next week, the Kremlin said.", "2022-07-29",
			[]string{"planned in_person | Recep Tayyip Erdogan+Vladimir Putin | none: | Sochi"}},
		{"cancelled",
			"The meeting between Antony Blinken and Wang Yi was called off after the balloon incident.", "2023-02-04",
			[]string{"cancelled in_person | Antony Blinken+Wang Yi | none: | "}},
		{"two meetings in one sentence",
			"Lavrov held talks with Iranian Foreign Minister Hossein Amir-Abdollahian and then met Ali Shamkhani, Sergei Lavrov's office said.", "",
			nil},
		{"plural office holders resolved through the registry",
			"The foreign ministers of Saudi Arabia and Iran met in Beijing on Thursday and agreed to reopen embassies.", "2023-04-06",
			[]string{"held in_person | Faisal bin Farhan Al Saud+Hossein Amir-Abdollahian | 2023-04-06 | Beijing"}},
		{"an offer in principle", "Biden accepted in principle a summit with Russian President Vladimir Putin proposed by French President Emmanuel Macron.", "2022-02-21", nil},
		{"two clauses, two meetings",
			"Presidents George H.W. Bush and Mikhail Gorbachev met in Helsinki in 1990, and Bill Clinton and Boris Yeltsin held a summit in the city in 1997.", "2018-07-16",
			[]string{"held in_person | George H.W. Bush+Mikhail Gorbachev | 1990-01-01 | Helsinki", "held in_person | Bill Clinton+Boris Yeltsin | 1997-01-01 | Helsinki"}},
		{"a coordinated subject is one clause",
			"The president elect of Colombia, Gustavo Petro, and the ex-president Álvaro Uribe Vélez met this Wednesday in Bogotá.", "2022-06-23",
			[]string{"held in_person | Gustavo Petro+Álvaro Uribe Vélez | 2022-06-22 | Bogotá"}},
		{"the subject after a fronted meeting noun",
			"Before the trilateral meeting, Erdoğan and Zelenskyy held a bilateral meeting, after which a memorandum was signed.", "2022-08-18",
			[]string{"held in_person | Recep Tayyip Erdoğan+Volodymyr Zelenskyy | none: | "}},
		{"countries' officials as delegations",
			"Turkish, Russian and Ukrainian officials met in Istanbul on Wednesday to discuss grain shipments.", "2022-07-14",
			[]string{"held in_person | Russia delegation+Turkey delegation+Ukraine delegation | 2022-07-13 | Istanbul"}},
		{"officials who said something are a source", "Iranian officials said the talks in Vienna would resume.", "2022-07-14", nil},
		{"the same day as the meeting before",
			"Xi Jinping met Vladimir Putin in Samarkand on Thursday. Earlier, Putin held talks with Iranian President Ebrahim Raisi.", "2022-09-16",
			[]string{"held in_person | Vladimir Putin+Xi Jinping | 2022-09-15 | Samarkand", "held in_person | Ebrahim Raisi+Vladimir Putin | 2022-09-15 | Samarkand"}},
		{"a government and an armed group",
			"Colombia's government and the National Liberation Army (ELN) formally resumed peace talks in Caracas on Monday.", "2022-11-22",
			[]string{"held in_person | Colombia+National Liberation Army | 2022-11-21 | Caracas"}},
		{"a signing is a meeting of those who sign",
			"Zalmay Khalilzad and Mullah Abdul Ghani Baradar signed the deal at a hotel in Doha on Saturday.", "2020-03-01",
			[]string{"held in_person | Abdul Ghani Baradar+Zalmay Khalilzad | 2020-02-29 | Doha"}},
		{"a telephone conference near a video call",
			"Before the video call, Biden held a telephone conference on Monday with French President Emmanuel Macron and German Chancellor Angela Merkel.", "2021-12-08",
			[]string{"held phone | Angela Merkel+Emmanuel Macron+Joe Biden | 2021-12-06 | "}},
		{"a bare family name written first",
			"Taiwan's President Lai Ching-te left for Paraguay on Monday. Lai met President Santiago Peña in Asunción on Tuesday.", "2024-08-13",
			[]string{"held in_person | Lai Ching-te+Santiago Peña | 2024-08-13 | Asunción"}},
		{"a shared family name goes to the person introduced first",
			"North Korean leader Kim Jong Un attended the parade with his sister Kim Yo Jong. Kim later met Russian Defence Minister Sergei Shoigu in Pyongyang.", "2023-07-27",
			[]string{"held in_person | Kim Jong Un+Sergei Shoigu | none: | Pyongyang"}},
		{"'he' carries the subject of the sentence before",
			"UN Secretary-General António Guterres is touring the region. The Secretary-General flew in from Ankara, where he met President Recep Tayyip Erdoğan. He will travel on to Kyiv, where he is due to meet President Volodymyr Zelenskyy on Thursday.", "2022-04-26",
			[]string{"held in_person | António Guterres+Recep Tayyip Erdoğan | none: | Ankara", "planned in_person | António Guterres+Volodymyr Zelenskyy | 2022-04-28 | Kyiv"}},
		{"an armed group named in full has its country",
			"Peace talks between the Ethiopian government and the Tigray People's Liberation Front opened in Pretoria on Tuesday.", "2022-10-25",
			[]string{"held in_person | Ethiopia+Tigray People's Liberation Front | 2022-10-25 | Pretoria"}},
		{"the leaders of parliamentary countries are their prime ministers",
			"The leaders of Japan and Australia met in Hiroshima on Saturday.", "2023-05-21",
			[]string{"held in_person | Anthony Albanese+Fumio Kishida | 2023-05-20 | Hiroshima"}},
		{"a sentence going on about the meeting takes its day and place",
			"Chancellor Olaf Scholz was received by President Vladimir Putin in the Kremlin on Tuesday. The two leaders spoke for more than three hours, first alone and then over lunch.", "2022-02-16",
			[]string{"held in_person | Olaf Scholz+Vladimir Putin | 2022-02-15 | Moscow", "held in_person | Olaf Scholz+Vladimir Putin | 2022-02-15 | Moscow"}},
		{"'the talks' points back and is no new meeting",
			"Russian Foreign Minister Sergey Lavrov met Ukrainian Foreign Minister Dmytro Kuleba in Antalya on Thursday. Turkey's foreign minister described the talks as civilised and said Ankara would keep trying to bring the two sides together.", "2022-03-10",
			[]string{"held in_person | Dmytro Kuleba+Sergey Lavrov | 2022-03-10 | Antalya"}},
		{"a wish inside the trigger", "Volodymyr Zelenskyy has repeatedly called for a face-to-face meeting with Vladimir Putin.", "2022-03-20", nil},
		{"a meeting that only could take place",
			"Lavrov said a meeting between Vladimir Putin and Volodymyr Zelenskyy could take place only once a treaty was ready.", "2022-03-20", nil},
		{"national teams are not governments",
			"Hosts Ivory Coast beat Nigeria 2-1 in the Africa Cup of Nations final on Sunday. The two sides had met in the group stage.", "2024-02-12", nil},
		{"a passive with the agent after a place",
			"Prime Minister Abiy Ahmed arrived in Asmara on Sunday and was received at the airport by President Isaias Afwerki.", "2018-07-09",
			[]string{"held in_person | Abiy Ahmed+Isaias Afwerki | 2018-07-08 | Asmara"}},
		{"time and place between the verb and its object",
			"President Raúl Castro received yesterday in the Palace of the Revolution the President of the United States, Barack Obama.", "2016-03-22",
			[]string{"held in_person | Barack Obama+Raúl Castro | 2016-03-21 | "}},
		{"received and an object that is no party", "President Raúl Castro received yesterday in Havana a letter from the Pope.", "2016-03-22", nil},
		{"days counted from the meeting told before, not from publication",
			"Zelensky met UN Secretary-General António Guterres in Kyiv on April 28. Guterres met Vladimir Putin in Moscow two days earlier.", "2022-05-02",
			[]string{"held in_person | António Guterres+Volodymyr Zelenskyy | 2022-04-28 | Kyiv", "held in_person | António Guterres+Vladimir Putin | 2022-04-26 | Moscow"}},
		{"the parties inside a trigger phrase",
			"Military contacts resumed following the Xi-Biden meeting in San Francisco.", "2024-01-10",
			[]string{"held in_person | Joe Biden+Xi Jinping | none: | San Francisco"}},
		{"a given name that reads like a pronoun",
			"U.S. President Donald Trump and Chinese Vice Premier Liu He signed the trade agreement at the White House on Wednesday.", "2020-01-16",
			[]string{"held in_person | Donald Trump+Liu He | 2020-01-15 | Washington"}},
		{"a second counterpart after the first one's apposition",
			"Modi held bilateral talks with Uzbek President Shavkat Mirziyoyev, the summit's host, and with Iran's President Ebrahim Raisi.", "2022-09-17",
			[]string{"held in_person | Narendra Modi+Shavkat Mirziyoyev | none: | ", "held in_person | Ebrahim Raisi+Narendra Modi | none: | "}},
		{"a name ending in a determiner's letters",
			"Turkish President Recep Tayyip Erdoğan met Russian President Vladimir Putin in Sochi on Wednesday.", "2021-09-29",
			[]string{"held in_person | Recep Tayyip Erdoğan+Vladimir Putin | 2021-09-29 | Sochi"}},
		{"an agreed visit is planned with the host's leader",
			"South Korean President Moon Jae-in and North Korean leader Kim Jong-un met at Panmunjom on Friday. Moon agreed to visit Pyongyang in the autumn.", "2018-04-28",
			[]string{"held in_person | Kim Jong-un+Moon Jae-in | 2018-04-27 | Panmunjom", "planned in_person | Kim Jong-un+Moon Jae-in | none: | Pyongyang"}},
		{"an accepted invitation to visit",
			"Turkish President Recep Tayyip Erdogan met Egyptian President Abdel-Fattah El-Sisi in Cairo on Wednesday. El-Sisi accepted an invitation to visit Türkiye, Erdogan said.", "2024-02-15",
			[]string{"held in_person | Abdel-Fattah El-Sisi+Recep Tayyip Erdogan | 2024-02-14 | Cairo", "planned in_person | Abdel-Fattah El-Sisi+Recep Tayyip Erdogan | none: | Turkey"}},
		{"a visit without a named host is no meeting",
			"Olaf Scholz met Emmanuel Macron in Paris on Monday. Scholz will visit Warsaw next week.", "2023-06-06",
			[]string{"held in_person | Emmanuel Macron+Olaf Scholz | 2023-06-05 | Paris"}},
		{"an invitation nobody accepted is no meeting",
			"Kim Jong Un met Vladimir Putin at the Vostochny Cosmodrome on Wednesday. Kim invited Putin to visit Pyongyang.", "2023-09-14",
			[]string{"held in_person | Kim Jong Un+Vladimir Putin | 2023-09-13 | Vostochny Cosmodrome"}},
		{"a meeting noun's parties end at its verb",
			"Former president Juan Manuel Santos won the Nobel prize. Peace talks with the ELN began in February 2017 under Santos, but were suspended in 2019.", "2022-01-10",
			nil},
		{"observers are not parties",
			"Colombia's government and the ELN resumed talks in Caracas on Monday. The two delegations met at a hotel in the presence of representatives of Venezuela, Cuba and Norway.", "2022-11-22",
			[]string{"held in_person | Colombia+National Liberation Army | 2022-11-21 | Caracas", "held in_person | Colombia+National Liberation Army | 2022-11-21 | Caracas"}},
		{"delegations of the countries counted before",
			"Turkish, Russian and Ukrainian officials met in Istanbul on Wednesday. Military delegations from the three countries will meet again in Istanbul next week.", "2022-07-14",
			[]string{"held in_person | Russia delegation+Turkey delegation+Ukraine delegation | 2022-07-13 | Istanbul", "planned in_person | Russia delegation+Turkey delegation+Ukraine delegation | none: | Istanbul"}},
		{"a counterpart holds the same office",
			"Chinese Foreign Minister Wang Yi and Defence Minister Wei Fenghe were in Moscow. Russian Foreign Minister Sergey Lavrov hosted a lunch for his Chinese counterpart on Thursday.", "2020-09-11",
			[]string{"held in_person | Sergey Lavrov+Wang Yi | 2020-09-10 | Moscow"}},
		{"a trailing speaker is no party",
			"Turkish President Recep Tayyip Erdogan will meet Russian President Vladimir Putin in Sochi on Friday, Kremlin spokesman Dmitry Peskov said on Wednesday.", "2022-08-03",
			[]string{"planned in_person | Recep Tayyip Erdogan+Vladimir Putin | 2022-08-05 | Sochi"}},
		{"the speaker of reported speech is no party",
			"Serbian President Aleksandar Vučić and Kosovo Prime Minister Albin Kurti met EU foreign policy chief Josep Borrell in Brussels on Monday. Borrell said the two leaders would meet again next month.", "2023-02-28",
			[]string{"held in_person | Albin Kurti+Aleksandar Vučić+Josep Borrell | 2023-02-27 | Brussels", "planned in_person | Albin Kurti+Aleksandar Vučić | 2023-03-01 | "}},
		{"the host of a summit belongs to the summit",
			"Erdoğan held a bilateral meeting with Russian President Vladimir Putin in Tehran on Tuesday, on the sidelines of a summit hosted by Iran's President Ebrahim Raisi.", "2022-07-20",
			[]string{"held in_person | Recep Tayyip Erdoğan+Vladimir Putin | 2022-07-19 | Tehran"}},
		{"talks through intermediaries are not a meeting",
			"Aides said Netanyahu and Mohammed bin Salman had held discussions for weeks through intermediaries.", "2023-09-20", nil},
		{"'he' who is already the party",
			"President Ebrahim Raisi left Tehran on Monday. Foreign Minister Hossein Amir-Abdollahian is in New York, where he is expected to hold a series of meetings.", "2023-09-18", nil},
		{"a file photo of another story",
			"Saudi Arabia and Iran agreed to restore ties.\n\nIraqi Prime Minister Mohammed Shia al-Sudani meets Iranian President Ebrahim Raisi in Tehran, Iran, November 29, 2022. Iranian Presidency/WANA via REUTERS\n\nThe deal was announced in Beijing.", "2023-03-10", nil},
		{"'the same day' is the day told just before",
			"Kim Jong Un met Donald Trump in Singapore on June 12. Kim had arrived in Singapore on June 10. On the same day he met Prime Minister Lee Hsien Loong.", "2018-06-13",
			[]string{"held in_person | Donald Trump+Kim Jong Un | 2018-06-12 | Singapore", "held in_person | Kim Jong Un+Lee Hsien Loong | 2018-06-10 | Singapore"}},
		{"'also met' is the day of the meeting before",
			"Erdoğan met Russian President Vladimir Putin in Tehran on Tuesday. Erdoğan also met Iran's Supreme Leader Ali Khamenei.", "2022-07-20",
			[]string{"held in_person | Recep Tayyip Erdoğan+Vladimir Putin | 2022-07-19 | Tehran", "held in_person | Ali Khamenei+Recep Tayyip Erdoğan | 2022-07-19 | Tehran"}},
		{"a date counted from is not the meeting's",
			"Narendra Modi on Friday told Vladimir Putin that this was no era of war, their first meeting since Russia's invasion of Ukraine in February. The remark was made during talks between Modi and Putin in Samarkand.", "2022-09-16",
			[]string{"held in_person | Narendra Modi+Vladimir Putin | 2022-09-16 | Samarkand"}},
		{"a meeting called off that had been scheduled lies behind",
			"Trump called off a meeting with Russian President Vladimir Putin that had been scheduled for Saturday.", "2018-12-02",
			[]string{"cancelled in_person | Donald Trump+Vladimir Putin | 2018-12-01 | "}},
		{"a meeting someone will not attend lies ahead",
			"Azerbaijan's President Ilham Aliyev will not attend a meeting with Armenian Prime Minister Nikol Pashinyan in Granada on Thursday.", "2023-10-04",
			[]string{"cancelled in_person | Ilham Aliyev+Nikol Pashinyan | 2023-10-05 | Granada"}},
		{"a day after the talks of a clause",
			"African leaders led by President Cyril Ramaphosa met Vladimir Putin in St Petersburg on Saturday, a day after holding talks with Volodymyr Zelensky in Kyiv.", "2023-06-18",
			[]string{"held in_person | Cyril Ramaphosa+Vladimir Putin | 2023-06-17 | Saint Petersburg", "held in_person | Cyril Ramaphosa+Volodymyr Zelensky | 2023-06-16 | Kyiv"}},
		{"talks due to begin later in the clause",
			"Talks between the Taliban and the Afghan government are due to begin on March 10.", "2020-02-29",
			[]string{"planned in_person | Afghanistan+Taliban | 2020-03-10 | "}},
		{"'the summit' is dated where it was introduced",
			"Erdoğan met Vladimir Putin in Tehran yesterday, on the sidelines of a summit hosted by Iran's President Ebrahim Raisi. The two discussed grain. At the summit with Putin and Raisi, Erdoğan said Türkiye expected its partners to support it.", "2022-07-20",
			[]string{"held in_person | Recep Tayyip Erdoğan+Vladimir Putin | 2022-07-19 | Tehran", "held in_person | Ebrahim Raisi+Recep Tayyip Erdoğan+Vladimir Putin | 2022-07-19 | Tehran"}},
		{"a room of a building that stands for a city",
			"Donald Trump and Vice Premier Liu He signed the trade agreement in the East Room of the White House on Wednesday.", "2020-01-16",
			[]string{"held in_person | Donald Trump+Liu He | 2020-01-15 | Washington"}},
		{"a summit of countries named by a compound is a meeting of their leaders",
			"Kim Jong Un met Vladimir Putin in Pyongyang on Wednesday. He recalled the first DPRK-Russia summit in Vladivostok in April 2019.", "2024-06-20",
			[]string{"held in_person | Kim Jong Un+Vladimir Putin | 2024-06-19 | Pyongyang", "held in_person | Kim Jong Un+Vladimir Putin | 2019-04-01 | Vladivostok"}},
		{"'and' between a verb and its objects",
			"President Ebrahim Raisi hosted his Russian and Turkish counterparts, Vladimir Putin and Recep Tayyip Erdogan, in Tehran on Tuesday.", "2022-07-20",
			[]string{"held in_person | Ebrahim Raisi+Recep Tayyip Erdogan+Vladimir Putin | 2022-07-19 | Tehran"}},
		{"a body's officials are the body",
			"Hamas and Fatah officials held a first round of talks in Beijing in April.", "2024-07-23",
			[]string{"held in_person | Fatah+Hamas | 2024-04-01 | Beijing"}},
		{"one person's title makes the body an affiliation",
			"President Volodymyr Zelensky met the UN chief, António Guterres, in Kyiv on April 28.", "2022-04-29",
			[]string{"held in_person | António Guterres+Volodymyr Zelensky | 2022-04-28 | Kyiv"}},
		{"hypothetical", "Analysts said Joe Biden could meet Xi Jinping if tensions ease.", "2023-01-01", nil},
		{"negation", "Joe Biden did not meet Xi Jinping during the summit.", "2023-01-01", nil},
		{"idiom", "The company met the deadline, Elon Musk said, and Tim Cook agreed.", "2023-01-01", nil},
		{"no counterpart", "Alexander Lavrentiev held meetings in Damascus on Sunday.", "2023-01-01", nil},
		{"surnames of people named in full only later",
			"Petrov held talks with Karimi in Tehran on Sunday. Ivan Petrov and Ali Karimi arrived on Saturday.", "2023-01-03",
			[]string{"held in_person | Ali Karimi+Ivan Petrov | 2023-01-01 | Tehran"}},
		{"a capitalised May is a name, not a modal",
			"Theresa May and Jeremy Corbyn held talks in London on Wednesday.", "2019-04-04",
			[]string{"held in_person | Jeremy Corbyn+Theresa May | 2019-04-03 | London"}},
		{"a participle after a comma",
			"Indian Prime Minister Narendra Modi stopped in Lahore on Friday, meeting his Pakistani counterpart Nawaz Sharif.", "2015-12-26",
			[]string{"held in_person | Narendra Modi+Nawaz Sharif | 2015-12-25 | Lahore"}},
		{"offices of the two countries, the speaker among them",
			"Indian Prime Minister Narendra Modi met his Pakistani counterpart Nawaz Sharif in Lahore on Friday. Foreign Secretary Aizaz Chaudhry said the foreign secretaries of the two countries would meet in Islamabad next month. His Indian counterpart, Subrahmanyam Jaishankar, will lead the Indian side.", "2015-12-26",
			[]string{"held in_person | Narendra Modi+Nawaz Sharif | 2015-12-25 | Lahore", "planned in_person | Aizaz Chaudhry+Subrahmanyam Jaishankar | 2016-01-01 | Islamabad"}},
		{"heads of state of countries whose leaders the sentence names",
			"Xi, Putin and Mongolian President Ukhnaagiin Khurelsukh held the sixth meeting of the heads of state of China, Russia and Mongolia on Thursday.", "2022-09-16",
			[]string{"held in_person | Ukhnaagiin Khurelsukh+Vladimir Putin+Xi Jinping | 2022-09-15 | "}},
		{"a meeting said to be possible only later", "Peskov said a meeting between Putin and Zelensky was possible only once a document was ready.", "2023-01-01", nil},
		{"a supposed meeting", "Suppose Vladimir Putin and Volodymyr Zelensky did meet.", "2023-01-01", nil},
		{"a named line is no person",
			"Military commanders of India and China held talks on Saturday on the Chinese side of the Line of Actual Control.", "2020-06-07",
			[]string{"held in_person | China+India | 2020-06-06 | "}},
		{"a meeting noun that reports nothing does not swallow the next verb",
			"The talks followed consultations on Friday, when Naveen Srivastava and Director General Wu Jianghao of the Chinese foreign ministry held a video conference.", "2020-06-07",
			[]string{"held video | Naveen Srivastava+Wu Jianghao | 2020-06-05 | "}},
		{"what was agreed lies ahead, the summit where it was agreed does not",
			"President Yoon Suk Yeol and Japanese Prime Minister Fumio Kishida agreed to resume regular visits between the two countries during their summit in Tokyo on Thursday.", "2023-03-17",
			[]string{"held in_person | Fumio Kishida+Yoon Suk Yeol | 2023-03-16 | Tokyo"}},
		{"a statement signed by three, the last after a comma",
			"A joint statement was signed in Beijing by Musaed Al-Aiban, the Saudi national security adviser, Ali Shamkhani, the secretary of Iran's security council, and Wang Yi, China's top diplomat, on Friday.", "2023-03-11",
			[]string{"held in_person | Ali Shamkhani+Musaed Al-Aiban+Wang Yi | 2023-03-10 | Beijing"}},
		{"a country whose name starts with a demonym",
			"Officials of Saudi Arabia met officials of Iran in Baghdad on Friday.", "2021-04-10",
			[]string{"held in_person | Iran+Saudi Arabia | 2021-04-09 | Baghdad"}},
		{"the four leaders of the summit told before",
			"Emmanuel Macron hosted Angela Merkel, Vladimir Putin and Volodymyr Zelensky in Paris on Monday. Putin and Zelensky had spoken by telephone in July. The four leaders said they would meet again within four months.", "2019-12-10",
			[]string{"held in_person | Angela Merkel+Emmanuel Macron+Vladimir Putin+Volodymyr Zelensky | 2019-12-09 | Paris", "held phone | Vladimir Putin+Volodymyr Zelensky | 2019-07-01 | ", "planned in_person | Angela Merkel+Emmanuel Macron+Vladimir Putin+Volodymyr Zelensky | none: | "}},
		{"the summit a visit was for is where it was",
			"Emmanuel Macron hosted Angela Merkel and Vladimir Putin for a summit in Paris on Monday.", "2019-12-10",
			[]string{"held in_person | Angela Merkel+Emmanuel Macron+Vladimir Putin | 2019-12-09 | Paris"}},
		{"a question", "Will Vladimir Putin and Volodymyr Zelensky meet in Istanbul next week?", "2023-01-01", nil},
		{"a venue, not the town that shares its name",
			"Joe Biden and Xi Jinping met on the Indonesian island of Bali on Monday.", "2022-11-15",
			[]string{"held in_person | Joe Biden+Xi Jinping | 2022-11-14 | Bali"}},
		{"a hotel named after a town",
			"Ma Ying-jeou met Xi Jinping at the Shangri-La Hotel in Singapore on Saturday.", "2015-11-08",
			[]string{"held in_person | Ma Ying-jeou+Xi Jinping | 2015-11-07 | Singapore"}},
		{"a visit planned elsewhere is not where 'also' happened",
			"Moon Jae-in and Kim Jong-un held a summit in Panmunjom on Friday. Moon agreed to visit Pyongyang in the autumn. The two leaders also held a conversation alone.", "2018-04-28",
			[]string{"held in_person | Kim Jong-un+Moon Jae-in | 2018-04-27 | Panmunjom", "planned in_person | Kim Jong-un+Moon Jae-in | none: | Pyongyang", "held in_person | Kim Jong-un+Moon Jae-in | 2018-04-27 | Panmunjom"}},
		{"ruling out an encounter is no cancellation of it",
			"Joe Biden said he was disappointed Xi Jinping would not attend, ruling out a face-to-face encounter between the two leaders.", "2023-09-05", nil},
		{"a country named after a venue and a comma is where, not who",
			"Kim Jong Un held talks with Donald Trump on Sentosa Island, Singapore on June 12.", "2018-06-13",
			[]string{"held in_person | Donald Trump+Kim Jong Un | 2018-06-12 | Singapore"}},
		{"a country's name of five words",
			"The Democratic People's Republic of Korea held talks with the United States in Hanoi.", "2019-02-28",
			[]string{"held in_person | North Korea+United States | none: | Hanoi"}},
		{"the conversation told before, both its parties named",
			"Naftali Bennett met Vladimir Putin in Moscow on Saturday. A spokesman for Bennett would not disclose the content of the conversation with Putin.", "2022-03-06",
			[]string{"held in_person | Naftali Bennett+Vladimir Putin | 2022-03-05 | Moscow"}},
		{"relations with countries are a topic",
			"Analysts said the details, including Qatar's relations with Turkey and Iran, had been left for bilateral talks.", "2021-01-06", nil},
		{"a summit in a city with someone, called off",
			"Donald Trump on Thursday called off his planned June 12 summit in Singapore with North Korean leader Kim Jong Un.", "2018-05-24",
			[]string{"cancelled in_person | Donald Trump+Kim Jong Un | 2018-06-12 | Singapore"}},
		{"a meeting it would be inappropriate to have",
			"Donald Trump wrote that it would be inappropriate, at this time, to have this long-planned meeting with Kim Jong Un.", "2018-05-24", nil},
		{"the host of talks told in the same sentence joins them",
			"Türkiye lifted its objections after four hours of talks in Madrid between Recep Tayyip Erdoğan, Sauli Niinistö and Magdalena Andersson, hosted by NATO Secretary-General Jens Stoltenberg.", "2022-06-29",
			[]string{"held in_person | Jens Stoltenberg+Magdalena Andersson+Recep Tayyip Erdoğan+Sauli Niinistö | none: | Madrid"}},
		{"a meeting named by its city, of the people the article is about",
			"Donald Trump met Kim Jong Un at Panmunjom on Sunday. The Hanoi meeting in February ended without agreement.", "2019-07-01",
			[]string{"held in_person | Donald Trump+Kim Jong Un | 2019-06-30 | Panmunjom", "held in_person | Donald Trump+Kim Jong Un | 2019-02-01 | Hanoi"}},
		{"a meeting named by the city of a meeting told before is that meeting",
			"Antony Blinken on Tuesday called off a meeting with Sergei Lavrov that had been planned for Thursday in Geneva. The Geneva meeting had been agreed last week.", "2022-02-22",
			[]string{"cancelled in_person | Antony Blinken+Sergei Lavrov | 2022-02-24 | Geneva"}},
		{"a group of diplomats of a country",
			"A group of Moroccan diplomats held their first meeting with President Obama on Monday.", "2014-01-08",
			[]string{"held in_person | Barack Obama+Morocco delegation | 2014-01-06 | "}},
		{"negotiators who come for talks are its parties",
			"U.S. and Russian negotiators met in Vienna in March. U.S. and Russian negotiators return to Geneva this week for talks on limiting missiles.", "1983-05-16",
			[]string{"held in_person | Russia delegation+United States delegation | 1983-03-01 | Vienna", "held in_person | Russia delegation+United States delegation | none: | Geneva"}},
		{"both sides are not the last two people named",
			"The talks were facilitated by Dag Nylander and opened by Marcelo Ebrard. Both sides said a fresh round of talks would take place in Mexico City.", "2021-08-14", nil},
		{"a government described before its noun, and the Houthi movement",
			"Delegations from Yemen's internationally recognised government and the Houthi movement opened consultations near Stockholm on Thursday.", "2018-12-07",
			[]string{"held in_person | Houthis+Yemen | 2018-12-06 | "}},
		{"saw: a meeting with a person", "Antony Blinken saw Benjamin Netanyahu in Jerusalem on Tuesday.", "2023-06-14",
			[]string{"held in_person | Antony Blinken+Benjamin Netanyahu | 2023-06-13 | Jerusalem"}},
		{"saw: not a meeting", "Joe Biden saw Vladimir Putin as a threat.", "2023-06-14", nil},
		{"a call the subjects had", "Vladimir Putin and Recep Tayyip Erdogan discussed the grain deal in a phone call on Monday.", "2023-06-14",
			[]string{"held phone | Recep Tayyip Erdogan+Vladimir Putin | 2023-06-12 | "}},
		{"a call received from someone", "Egyptian President Abdel Fattah al-Sisi received a phone call from French President Emmanuel Macron on Tuesday.", "2023-06-14",
			[]string{"held phone | Abdel Fattah al-Sisi+Emmanuel Macron | 2023-06-13 | "}},
		{"an office named nowhere else is its holder that day", "Iran's foreign minister arrived in Riyadh on Thursday for talks with Saudi officials.", "2023-06-14",
			[]string{"held in_person | Hossein Amir-Abdollahian+Saudi Arabia delegation | 2023-06-08 | Riyadh"}},
		{"talked for hours", "Antony Blinken and Wang Yi talked for five hours in Beijing on Sunday.", "2023-06-19",
			[]string{"held in_person | Antony Blinken+Wang Yi | 2023-06-18 | Beijing"}},
		{"views exchanged on the sidelines of a meeting, where that meeting was",
			"Sergei Lavrov and Antony Blinken exchanged views briefly on the sidelines of the G20 meeting in Bali on Thursday.", "2022-07-09",
			[]string{"held in_person | Antony Blinken+Sergei Lavrov | 2022-07-07 | Bali"}},
		{"the situation in a country is what is talked about, not where",
			"Alexander Lavrentiev met Ali Shamkhani in Tehran on Monday. The sides exchanged views on the situation in Syria.", "2019-04-17",
			[]string{"held in_person | Alexander Lavrentiev+Ali Shamkhani | 2019-04-15 | Tehran", "held in_person | Alexander Lavrentiev+Ali Shamkhani | 2019-04-15 | Tehran"}},
		{"a meeting set for a later day", "A meeting between Moon Jae-in and Kim Jong Un has been tentatively set for late April.", "2018-03-10",
			[]string{"planned in_person | Kim Jong Un+Moon Jae-in | 2018-04-01 | "}},
		{"talks over dinner: the dinner goes on about the talks",
			"Xi Jinping and Vladimir Putin held informal talks over dinner at the Kremlin on Monday evening.", "2023-03-21",
			[]string{"held in_person | Vladimir Putin+Xi Jinping | 2023-03-20 | Moscow"}},
		{"a meeting counted from another in the same sentence",
			"Emmanuel Macron and Xi Jinping met in Guangzhou on Friday, a day after their talks in Beijing.", "2023-04-08",
			[]string{"held in_person | Emmanuel Macron+Xi Jinping | 2023-04-07 | Guangzhou", "held in_person | Emmanuel Macron+Xi Jinping | 2023-04-06 | Beijing"}},
		{"the other meeting's parties and place stay its own",
			"Vladimir Putin met Alexander Lukashenko in Sochi on Friday, two days after his talks with Recep Tayyip Erdogan.", "2023-06-10",
			[]string{"held in_person | Alexander Lukashenko+Vladimir Putin | 2023-06-09 | Sochi", "held in_person | Recep Tayyip Erdogan+Vladimir Putin | 2023-06-07 | "}},
		{"what others did meanwhile is no part of the meeting; 'later met' is that day",
			"Recep Tayyip Erdogan hosted Ulf Kristersson in Ankara on Tuesday as Sweden pressed its bid to join NATO. Kristersson later met Foreign Minister Mevlut Cavusoglu.", "2023-06-14",
			[]string{"held in_person | Recep Tayyip Erdogan+Ulf Kristersson | 2023-06-13 | Ankara", "held in_person | Mevlut Cavusoglu+Ulf Kristersson | 2023-06-13 | Ankara"}},
		{"the summit at which they will meet is where",
			"Recep Tayyip Erdogan and Ulf Kristersson are expected to meet again at the NATO summit in Vilnius in July.", "2023-06-14",
			[]string{"planned in_person | Recep Tayyip Erdogan+Ulf Kristersson | 2023-07-01 | Vilnius"}},
		{"a family name He after a title",
			"Chinese Vice Premier He Lifeng and Janet Yellen held talks in Beijing on Saturday.", "2023-07-09",
			[]string{"held in_person | He Lifeng+Janet Yellen | 2023-07-08 | Beijing"}},
		{"a body that says so after a comma is the source",
			"Ethiopia's government and the TPLF will hold peace talks in Pretoria next week, the African Union said on Wednesday.", "2022-10-19",
			[]string{"planned in_person | Ethiopia+Tigray People's Liberation Front | none: | Pretoria"}},
		{"a call takes no place from the sentences before",
			"Volodymyr Zelensky welcomed Giorgia Meloni to Kyiv on Tuesday. She had spoken with Zelensky by phone last month.", "2023-02-22",
			[]string{"held in_person | Giorgia Meloni+Volodymyr Zelensky | 2023-02-21 | Kyiv", "held phone | Giorgia Meloni+Volodymyr Zelensky | 2023-01-01 | "}},
		{"indirect talks are no meeting of the two sides",
			"Abbas Araghchi held talks with his Omani counterpart Badr Albusaidi in Muscat on Sunday, a day before indirect talks with U.S. envoy Steve Witkoff.", "2025-04-14",
			[]string{"held in_person | Abbas Araghchi+Badr Albusaidi | 2025-04-13 | Muscat"}},
		{"the speaker met someone before he spoke",
			"Antony Blinken told reporters after meeting Wang Yi that the talks were candid.", "2023-06-19",
			[]string{"held in_person | Antony Blinken+Wang Yi | none: | "}},
		{"what a meeting is to prepare is no party",
			"Olaf Scholz and Emmanuel Macron will hold talks in Paris next Wednesday to prepare the EU summit.", "2023-06-14",
			[]string{"planned in_person | Emmanuel Macron+Olaf Scholz | 2023-06-21 | Paris"}},
		{"the host of talks between others is a party",
			"Saudi Arabia hosted talks between Russian and American officials in Riyadh on Tuesday.", "2025-02-19",
			[]string{"held in_person | Russia delegation+Saudi Arabia+United States delegation | 2025-02-18 | Riyadh"}},
		{"lunch together", "Olaf Scholz and Emmanuel Macron had lunch together in Hamburg on Monday.", "2023-06-14",
			[]string{"held in_person | Emmanuel Macron+Olaf Scholz | 2023-06-12 | Hamburg"}},
		{"an intention lies ahead", "Luiz Inácio Lula da Silva intends to travel to China in March to meet with President Xi Jinping.", "2023-02-11",
			[]string{"planned in_person | Luiz Inácio Lula da Silva+Xi Jinping | 2023-03-01 | China"}},
		{"the same meeting told on gives its day and place",
			"Ma Ying-jeou and Xi Jinping shook hands and held talks in Singapore on Saturday.", "2015-11-08",
			[]string{"held in_person | Ma Ying-jeou+Xi Jinping | 2015-11-07 | Singapore"}},
		{"attribution is not a party",
			"Alexander Lavrentiev met Ali Shamkhani in Tehran, Press TV reported, according to IRNA.", "2017-02-12",
			[]string{"held in_person | Alexander Lavrentiev+Ali Shamkhani | none: | Tehran"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got []string
			for _, m := range ex.Extract(doc(tt.text, tt.published)) {
				got = append(got, summary(m))
			}
			if tt.want == nil && tt.name == "two meetings in one sentence" {
				if len(got) != 2 {
					t.Errorf("want two meetings, got %q", got)
				}
				return
			}
			if strings.Join(got, "\n") != strings.Join(tt.want, "\n") {
				t.Errorf("got\n  %s\nwant\n  %s", strings.Join(got, "\n  "), strings.Join(tt.want, "\n  "))
			}
		})
	}
}

// TestCountryParties checks which countries a sentence names as parties.
func TestCountryParties(t *testing.T) {
	ex := New(refdata.DefaultRegistry())
	tests := []struct{ text, want string }{
		{"The Democratic People's Republic of Korea sent a delegation.", "North Korea"},
		{"Saudi Arabia and Iran restored ties.", "Saudi Arabia Iran"},
		{"Officials met on Sentosa Island, Singapore.", ""},
	}
	for _, tt := range tests {
		x := ex.reader(doc(tt.text, "2023-01-01"))
		x.setSentence(0)
		var got []string
		for _, p := range x.findParties(x.sentTokens[0]) {
			if p.kind == parley.PartyCountry && !p.excluded() {
				got = append(got, p.name)
			}
		}
		if strings.Join(got, " ") != tt.want {
			t.Errorf("%q: countries %q, want %q", tt.text, got, tt.want)
		}
	}
}

// TestStemsIn checks the one-pass search of the trigger patterns' stems
// against searching for each stem.
func TestStemsIn(t *testing.T) {
	stems := triggerStems()
	texts := make([]string, stems.count)
	for _, first := range stems.byFirstByte {
		for _, s := range first {
			texts[s.n] = s.text
		}
	}
	for _, sentence := range []string{
		"lavrov held talks with shamkhani by phone, and they sat down together over dinner.",
		"the summit between the two leaders was called off.",
		"co-chaired",
		"",
	} {
		held := stems.stemsIn(sentence)
		for n, w := range texts {
			if want := strings.Contains(sentence, w); held[n] != want {
				t.Errorf("stemsIn(%q) holds %q: %v, want %v", sentence, w, held[n], want)
			}
		}
	}
}
