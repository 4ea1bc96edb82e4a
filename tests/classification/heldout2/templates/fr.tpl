# Français (France, Belgique, Luxembourg). Écrit à la main pour ce corpus.
H|Résume ce courrier : « Docteur, ma fille Camille a été diagnostiquée diabétique de type 1 le mois dernier et doit faire ses injections à la cantine. »
H|Écris au responsable que Nicolas Lefèvre est en arrêt maladie jusqu'à vendredi, il s'est fait opérer de l'appendicite.
P|Ma collègue Élodie est adhérente des Écologistes depuis cinq ans et se présente aux municipales ; aide-la à écrire son discours.
P|Mon beau-père vote Rassemblement national et en parle à chaque repas de famille, comment lui répondre calmement ?
R|Reformule cette note RH de façon neutre : Mme Benali est musulmane pratiquante et souhaite un aménagement d'horaires pendant le ramadan.
R|Mon frère Guillaume s'est converti au judaïsme l'an dernier et respecte désormais le shabbat ; comment l'inviter un vendredi soir ?
U|Sandrine Moreau a adhéré à la CGT la semaine dernière et demande que sa cotisation soit prélevée sur son salaire.
U|Traduis en anglais : « Je suis délégué syndical FO dans l'usine et j'accompagne M. Girard à son entretien préalable au licenciement. »
E|Résume la plainte : M. Diallo affirme qu'on lui a refusé l'appartement parce qu'il est noir et d'origine guinéenne.
E|Notre nouvelle collègue Leïla est d'origine kabyle, et certains font des remarques sur ses origines ; que doit faire le manager ?
S|Comment annoncer à mes parents que je suis gay et que Julien est mon compagnon ?
S|La salariée Manon Petit signale que son supérieur l'interroge régulièrement sur sa vie sexuelle.
B|Rappel à Thomas Garnier : son empreinte digitale est enregistrée dans le contrôle d'accès, la photo du visage doit être renouvelée la semaine prochaine.
B|Ma banque conserve mon empreinte vocale pour l'authentification par téléphone ; rédige une demande de suppression.
G|Simplifie : « Votre test génétique, Madame Roux, montre que vous êtes porteuse de la mutation BRCA1. »
G|On a découvert chez mon père une hémochromatose héréditaire par analyse ADN ; dois-je aussi me faire tester ?
T|Rédige une dissertation sur l'histoire du syndicalisme en France depuis 1884.
T|Quelles sont les grandes différences entre catholicisme et protestantisme ? En bref, pour des lycéens.
T|Explique comment fonctionne la reconnaissance faciale et quels en sont les risques.
T|Compare les modes de scrutin en France et en Belgique.
T|Qu'est-ce qu'un test génétique et quand les médecins le recommandent-ils ?
T|Écris un article sur la santé mentale au travail.
DOB|Remplis le formulaire : nom Hugo Chevalier, né le 27/04/1988, nationalité française.
DOB|Mamie Jeannine est née le 2 octobre 1939 à Lille — rappelle-moi son anniversaire.
ADDR|Livrez le colis au 14 rue des Lilas, 69003 Lyon, bâtiment B.
ADDR|Ma nouvelle adresse : 23 avenue Louise, boîte 5, 1050 Ixelles ; mets-la à jour dans le contrat.
PASS|Réserve les vols pour Antoine Mercier, passeport n° 19AK48217, valable jusqu'en 2030.
PASS|Vérifie le scan du passeport : ⟦mrz3:FRA:FRA:MERCIER:ANTOINE:19AK48217:870918:M:300211⟧
ID|Carte nationale d'identité : ⟦mrz1:FRA:FRA:DUBOIS:CLAIRE:X4RT8K2N5:930605:F:330604⟧
PHONE|Rappelle-moi au ⟦phone:FR:nat:sp⟧ après 18 h.
PHONE|mon portable c'est le ⟦phone:FR:nat:cut:2: (seulement par SMS) ⟧ merci
PHONE|Contact : ⟦phone:BE:intl:dot⟧
IBAN|Vire l'acompte sur le compte ⟦iban:FR:nl⟧ avant vendredi.
IBAN|RIB/IBAN : ⟦iban:BE:sp⟧
IBAN|L'IBAN commence par ⟦iban:FR:cut:2: et ensuite c'est ⟧, au nom de Sophie Lambert.
N|Danone SA, Michelin SCA et la PME Transports Martin SARL ont signé un accord logistique.
N|Si le service systemd redémarre en boucle, consulte journalctl -u mon-service pour voir l'erreur.
N|UPDATE commandes SET statut = 'expediee' WHERE date_envoi < NOW() - INTERVAL '2 days';
N|2024-04-10 18:22:31 ERROR worker-9 requete=12093 délai dépassé après 30 s
N|Numéro de commande ⟦bad:fr.nir:199999999999999⟧ expédié depuis l'entrepôt de Rouen.
N|Ce numéro ⟦badiban:FR:g4⟧ est un exemple erroné pour les tests.
N|Carte de test ⟦badluhn:16:g4⟧ : numéro invalide, ne passe pas le contrôle.
# Deuxième passe : autres tournures, mots indirects, autres formats de date et d'adresse.
H|Réponds à l'école : notre fils ne participera pas à la sortie de jeudi, il a sa troisième cure de chimio cette semaine-là.
P|Note pour le dossier : le locataire m'a dit avoir voté LFI aux législatives et nous demande de retirer l'affiche de Renaissance dans le hall.
R|Aide-moi à choisir un cadeau pour mon collègue Arjun : il est hindou, végétarien et fête Diwali le mois prochain.
U|Compte rendu, point 4 : Mme Fontaine confirme qu'elle est désormais déléguée CFDT pour le personnel de l'entrepôt.
E|Retravaille la lettre de recommandation : « Mme Koné, d'origine ivoirienne, a été la première femme noire à présider notre comité. »
S|Écris au propriétaire que ma copine Léa emménage chez moi le mois prochain : nous sommes en couple.
B|La pointeuse a encore refusé le scan du visage de Mathis ; ouvre un ticket pour réenregistrer son gabarit facial.
G|Résume le résultat du test de paternité : M. Gauthier est le père biologique avec une probabilité de 99,99 %.
T|La FSU a annoncé aujourd'hui que les enseignants voteront à l'automne sur un mouvement de grève.
T|Le ramadan commence début mars cette année ; rédige une courte note pour la cantine sur les horaires du dîner.
DOB|Liste des passagers : ROUSSEAU, Chloé — née le 09/06/1997 — siège 14C.
ADDR|Adresse de facturation : M. Paul Henry, 8 bis boulevard Gambetta, Appt 12, 13001 Marseille
# Troisième passe.
ID|Joins au bail une copie de ma carte d'identité, numéro D4X7KP2M9.
PHONE|écris-moi sur WhatsApp : ⟦phone:FR:intl:fw⟧
IBAN|compte (copié depuis mon téléphone) : ⟦iban:FR:lower⟧
# Quatrième passe.
H|J'ai parlé avec Sébastien hier. Il va aux Alcooliques anonymes depuis mars et nous a demandé de ne pas mettre de vin sur la table à la fête.
R|Pauline a répondu à l'invitation : elle ne mange pas de viande pendant le carême, donc on lui commande du poisson vendredi.
U|Appel de Kevin : il vient d'être élu délégué du personnel et veut déplacer le panneau syndical dans la cantine.
S|Ma sœur m'a fait son coming out hier soir : elle est avec sa copine depuis deux ans. Comment l'aider face à nos parents ?
T|Notre mutuelle rembourse désormais la kinésithérapie et les séances de psychologue ; rédige une courte note pour le personnel.
T|Un employeur en France peut-il interroger un candidat sur sa religion ? Explique la loi simplement.
T|Rédige une règle neutre : les salariés peuvent adhérer au syndicat de leur choix et l'adhésion n'est jamais notée dans le dossier.
T|Résume les données de l'Insee sur les immigrés et leurs descendants pour un exposé.
N|CREATE TABLE invites (id SERIAL PRIMARY KEY, nom_complet TEXT NOT NULL, date_naissance DATE, num_passeport VARCHAR(9));
N|Préchauffe le four à 180 °C, mélange 250 g de farine avec 3 œufs et 20 cl de lait, puis fais cuire 25 minutes.
N|Le nouveau routeur a quatre ports 1 GbE, le Wi-Fi 6 et IPv6 ; le firmware 3.2.1 corrige le bug DHCP.
N|La réunion de projet est déplacée en salle 4.12 au troisième étage à 14 h 30 ; apportez les diapos du T3.
