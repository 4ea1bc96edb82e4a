# English (Ireland, Malta, UK-style users). Written by hand for this corpus.
H|Can you tidy up this note for the rota: Siobhan Kearney is off until the 20th, she had keyhole surgery on her knee and is on crutches.
H|Summarise this for me please — "Dear Dr Walsh, I'm writing about my son Cian, who was diagnosed with type 1 diabetes in March and now needs insulin at lunchtime in school."
P|Draft a polite reply to Declan. He told the whole team at lunch that he's canvassing for Sinn Féin in the by-election and asked if anyone wants a leaflet.
P|My neighbour Margaret has been a paid-up member of the Green Party for ten years and wants help writing her speech for the branch AGM.
R|Rewrite this HR note more neutrally: Aoife asked not to be rostered on Friday afternoons because she attends Jumu'ah prayers since converting to Islam.
R|Patrick is a practising Catholic and goes to Mass every morning before work, so please don't book him for 8am meetings.
U|Fiona Byrne joined SIPTU last month and has asked that a union rep sit in on her disciplinary meeting.
U|Please translate to Irish: "I have been a shop steward for the INMO on ward 4 since 2019 and I represent the night nurses."
E|Summarise the complaint: Mr Okafor says he was passed over for promotion because he is Black and of Nigerian origin, and that his manager made remarks about his accent.
E|In the housing application, the family describe themselves as Irish Travellers and say they were refused by two landlords once that came up.
S|Can you help me word this? I want to tell my parents that I'm gay and that Rory is my boyfriend, not my flatmate.
S|HR case notes: the employee, Niamh Gallagher, reported that a colleague kept asking about her sex life after she mentioned she is bisexual.
B|The access log shows Conor Doyle's fingerprint template was enrolled on the door reader at 09:14; please draft an email asking him to confirm.
B|Write to Sarah Moloney explaining that her voiceprint is stored by the bank so she can log in to phone banking by speaking.
G|Make this letter shorter: "Following your genetic test, Ms Brennan, we can confirm you carry the BRCA2 mutation, and we recommend counselling for your sisters."
G|My 23andMe results came back and show I have two copies of the APOE4 gene; what should I ask my GP?
T|Write a 300-word essay on the history of trade unions in Ireland, from the 1913 Lockout to social partnership.
T|Explain in plain English what the GDPR says about processing health data in clinical research.
T|Compare how the main religions treat fasting, for a secondary school lesson plan.
T|What are the pros and cons of using facial recognition at airports? Give a balanced overview.
T|Summarise the arguments for and against proportional representation in parliamentary elections.
T|Give me five quiz questions about DNA, genes and heredity for a biology class.
DOB|Please fill in the form: name Eoin Madigan, date of birth 23/07/1991, nationality Irish.
DOB|Send the birthday card reminder: Grainne was born on 4 February 1985 and turns 40 this year.
ADDR|Update the delivery address for Mrs Hennessy to 27 Ranelagh Road, Dublin 6, D06 K2X7.
ADDR|My new address is Flat 3, 118 Shandon Street, Cork, and the landlord needs it on the lease.
PASS|Book the flight for Liam Farrell, Irish passport number PA4827361, expiring 2031.
PASS|Please read this passport scan and check the name: ⟦mrz3:IRL:IRL:KAVANAGH:SINEAD MARIE:PB7395024:890516:F:320211⟧
ID|The hotel photocopied my Maltese ID card, number 0458791M, is that allowed?
PHONE|Ring me back on ⟦phone:IE:nat:sp⟧ after six.
PHONE|my mobile is ⟦phone:IE:intl:cut:2: (don't give it to sales) ⟧ thanks
PHONE|Contact for the viewing: ⟦phone:IE:nat:dot⟧, ask for Donal.
IBAN|Pay the deposit into my account ⟦iban:IE:nl⟧ before Friday please.
IBAN|IBAN for the refund: ⟦iban:IE:sp⟧
IBAN|Here's the IBAN, first part ⟦iban:IE:cut:3: and the rest is ⟧ — name on the account is Orla Quinn.
N|Kubernetes restarts a pod when its liveness probe fails three times in a row; increase initialDelaySeconds if the app starts slowly.
N|def retry(fn, attempts=3):\n    for i in range(attempts):\n        try:\n            return fn()\n        except TimeoutError:\n            time.sleep(2 ** i)
N|2024-11-03T14:22:07Z ERROR worker-7 job=4711 queue=invoices msg="connection reset by peer" retry_in=30s
N|Kerry Foods Ltd and Glanbia plc announced a joint venture with a Dutch partner, Van Dijk Logistics B.V.
N|The test vector ⟦badiban:IE:g4⟧ must be rejected by the validator because its check digits are wrong.
N|Order reference ⟦badluhn:16:g4⟧ shipped from the Limerick warehouse on pallet 12.
N|Tracking number 00340434161234567890 and invoice INV-2024-00981 for 14 units of SKU 55-203.
# Second pass: other structures, implicit wording, other date and address forms.
H|Reply to the school: our daughter won't be at the tour on Thursday, she's having her third round of chemo that week.
P|Note for the file: the tenant told me he'd vote Labour till the day he dies and asked us to remove the Fine Gael poster from the hallway.
R|Can you suggest a gift for my colleague Rahul? He's Hindu and vegetarian and celebrates Diwali next month.
U|Minutes, item 4: Brendan confirmed he is now the Unite rep for the warehouse staff and will attend all grievance hearings.
E|Tidy this reference letter: "Ms Mwangi, who is of Kenyan descent, was the first Black woman to chair our committee."
S|Draft a message to my landlord explaining that my girlfriend Chloe will be moving in with me next month.
B|Our HR system rejected Aidan's facial scan at clock-in again; write a ticket to re-enrol his face template.
G|Summarise the paternity DNA test result for Mr Cullen: he is confirmed as the biological father with 99.99% probability.
T|ICTU announced today that teachers' unions will ballot on strike action over pay in the autumn.
T|Ramadan begins around the first of March this year; write a short notice for the canteen about later dinner times.
DOB|Passenger manifest: HEALY, Ciara — DOB 1994-02-19 — seat 14C.
ADDR|Invoice to: Mr T. Brennan, Apartment 12, The Maltings, Bow Lane, Dublin 8, D08 T6Y3
# Third pass: card numbers in running text, look-alike characters, lower case.
ID|Attach a copy of my Irish passport card, number PC3948271, to the tenancy form.
PHONE|whatsapp me: ⟦phone:IE:intl:fw⟧
IBAN|bank details (copied from my phone): ⟦iban:IE:lower⟧
# Fourth pass: the person only as a pronoun; subjects as topics; text with no data.
H|I spoke with Ronan yesterday. He's been going to AA meetings since March and asked us not to put wine on the table at the party.
R|Aisling replied to the invite — she gives up meat for Lent, so could we order the fish for her on Friday?
U|Got a call from Killian: he's just been elected shop steward and wants the union noticeboard moved to the canteen.
S|My sister came out to me last night; she and her girlfriend have been together two years. How can I support her with our parents?
T|Our health insurance now covers physiotherapy and counselling; write a short announcement for all staff.
T|Can an employer in Ireland ask a job applicant about their religion? Explain the law in plain language.
T|Draft a neutral policy: staff may join any trade union, and membership is never recorded in personnel files.
T|Summarise the census findings on ethnic and cultural background for a Transition Year project.
N|CREATE TABLE guests (id SERIAL PRIMARY KEY, full_name TEXT NOT NULL, date_of_birth DATE, passport_no VARCHAR(9));
N|Preheat the oven to 180 °C, mix 250 g flour with 3 eggs and 200 ml milk, and bake for 25 minutes.
N|The new router has four 1 GbE ports, Wi-Fi 6 and IPv6 support; firmware 3.2.1 fixes the DHCP lease bug.
N|The project meeting moves to room 4.12 on the third floor at 14:30; please bring the Q3 slides.
