# Español. Escrito a mano para este corpus.
H|Resume esta carta: «Estimada doctora, a mi hijo Pablo le diagnosticaron asma en marzo y necesita el inhalador en el colegio.»
H|Escribe a la jefa que Javier Moreno está de baja hasta el viernes porque lo operaron de una hernia.
P|Mi compañera Lucía está afiliada a Podemos desde hace años y se presenta a las municipales; ayúdala con el discurso.
P|Mi suegro vota a Vox y discute de política en cada comida familiar, ¿cómo hablo con él sin pelearnos?
R|Reescribe la nota de RR. HH. de forma neutral: la señora El Amrani es musulmana y pide salir antes los viernes para rezar.
R|Mi hermano Álvaro se hizo evangélico y ahora va al culto tres veces por semana; ¿cómo lo invito a la boda civil?
U|Marta Gil se afilió a Comisiones Obreras el mes pasado y pide que la cuota sindical se descuente de la nómina.
U|Traduce al inglés: «Soy delegado de UGT en la planta y acompaño a Jorge en la reunión disciplinaria.»
E|Resume la queja: el señor Jiménez Heredia dice que no le alquilaron el piso por ser gitano.
E|Nuestra nueva compañera Fatou es de origen senegalés y algunos compañeros hacen comentarios sobre su color de piel.
S|¿Cómo les digo a mis padres que soy lesbiana y que Irene es mi pareja?
S|La empleada Cristina Navarro denuncia que su jefe le pregunta a menudo por su vida sexual.
B|Recordatorio para Sergio Ortega: su huella dactilar está registrada en el control de acceso y la semana que viene hay que renovar la foto facial.
B|El banco guarda mi huella de voz para identificarme por teléfono; redacta una solicitud para que la borren.
G|Simplifica: «Su prueba genética, señora Castro, muestra que es portadora de una mutación en BRCA2.»
G|A mi madre le detectaron con un análisis de ADN la enfermedad de Huntington; ¿debería hacerme la prueba?
T|Escribe un ensayo sobre la historia del sindicalismo en España desde la Transición.
T|¿Cuáles son las principales diferencias entre el catolicismo y el islam? Brevemente, para alumnos.
T|Explica cómo funciona el reconocimiento facial y qué riesgos tiene.
T|Compara los sistemas electorales de España y Portugal.
T|¿Qué es una prueba genética y cuándo la recomiendan los médicos?
T|Escribe un artículo sobre la salud mental en el trabajo.
DOB|Rellena el formulario: nombre Daniel Romero, fecha de nacimiento 11/01/1994, nacionalidad española.
DOB|Mi abuela Pilar nació el 7 de junio de 1945 en Sevilla; recuérdame su cumpleaños.
ADDR|Entreguen el paquete en Calle de Alcalá 87, 3.º B, 28009 Madrid.
ADDR|Mi nueva dirección es Carrer de Mallorca 214, 2-1, 08008 Barcelona; cámbiala en el contrato.
PASS|Reserva los vuelos para Adrián Vidal, pasaporte n.º PAK482917, válido hasta 2031.
PASS|Comprueba el escaneo del pasaporte: ⟦mrz3:ESP:ESP:VIDAL SANZ:ADRIAN:PAK482917:850723:M:310109⟧
ID|DNI escaneado: ⟦mrz1:ESP:ESP:ROMERO DIAZ:ELENA:BHT472916:960311:F:310311⟧
PHONE|Llámame al ⟦phone:ES:intl:sp⟧ después de las seis.
PHONE|mi móvil es ⟦phone:ES:nat:cut:1: (solo whatsapp) ⟧ gracias
PHONE|Contacto: ⟦phone:ES:nat:dot⟧
IBAN|Haz la transferencia de la señal a ⟦iban:ES:nl⟧ antes del viernes.
IBAN|Cuenta: ⟦iban:ES:sp⟧
IBAN|El IBAN empieza por ⟦iban:ES:cut:2: y luego sigue ⟧, a nombre de Nuria Herrera.
N|Mercadona S.A., Inditex S.A. y la pyme Transportes Ruiz S.L. firmaron un acuerdo logístico.
N|Si el contenedor se reinicia sin parar, revisa el límite de memoria con docker stats.
N|const total = lineas.reduce((suma, l) => suma + l.importe, 0);
N|2024-08-19 13:47:02 ERROR trabajador-2 peticion=44810 tiempo de espera agotado
N|Número de pedido ⟦bad:es.dni:99999999A⟧ enviado desde el almacén de Zaragoza.
N|Este número ⟦badiban:ES:g4⟧ es un ejemplo erróneo para las pruebas.
N|Factura n.º 2024-0931, importe 1.245,60 €, vencimiento a 30 días.
# Segunda vuelta: otras estructuras, palabras indirectas, otros formatos de fecha y dirección.
H|Contesta al colegio: nuestra hija no irá a la excursión del jueves, esa semana tiene el tercer ciclo de quimio.
P|Nota para el expediente: el inquilino me contó que en las generales votó al PSOE y nos pidió quitar el cartel del PP del portal.
R|Ayúdame a elegir un regalo para mi compañero Arjun: es hindú, vegetariano y el mes que viene celebra el Diwali.
U|Acta, punto 4: la señora Delgado confirma que ahora es la delegada de CCOO para el personal del almacén.
E|Arregla la carta de recomendación: «La señora Mensah, de origen ghanés, fue la primera mujer negra que presidió nuestro comité.»
S|Escribe al casero que mi novio Hugo se viene a vivir conmigo el mes que viene: somos pareja.
B|El sistema de fichaje ha vuelto a rechazar el escaneo facial de Iván; abre una incidencia para volver a registrar su plantilla facial.
G|Resume el resultado de la prueba de paternidad: el señor Molina es el padre biológico con una probabilidad del 99,99 %.
T|Los sindicatos de enseñanza anunciaron hoy que en otoño votarán si convocan huelga.
T|El ramadán empieza este año a principios de marzo; redacta un aviso breve para el comedor sobre la hora de la cena.
DOB|Lista de pasajeros: MARÍN, Laura — nacida el 22-04-1996 — asiento 14C.
ADDR|Dirección de facturación: D. Raúl Medina, Avenida de la Constitución 45, portal 2, 5.º izda., 41001 Sevilla
# Tercera vuelta.
ID|Adjunta al contrato la copia de mi DNI, número de soporte BLK382715.
PHONE|escríbeme por whatsapp: ⟦phone:ES:intl:fw⟧
IBAN|cuenta (copiada del móvil): ⟦iban:ES:lower⟧
# Cuarta vuelta.
H|Ayer hablé con Rubén. Va a Alcohólicos Anónimos desde marzo y nos pidió que no pongamos vino en la mesa en la fiesta.
R|Rocío ha contestado a la invitación: en Cuaresma no come carne, así que el viernes le pedimos pescado.
U|Ha llamado Óscar: lo acaban de elegir delegado sindical y quiere trasladar el tablón del sindicato al comedor.
S|Mi hermana me contó anoche que es lesbiana; lleva dos años con su novia. ¿Cómo la apoyo con nuestros padres?
T|Nuestro seguro médico cubre ahora fisioterapia y psicología; redacta un aviso breve para toda la plantilla.
T|¿Puede un empleador en España preguntar a un candidato por su religión? Explica la ley de forma sencilla.
T|Redacta una norma neutral: la plantilla puede afiliarse a cualquier sindicato y la afiliación nunca consta en el expediente.
T|Resume los datos del INE sobre población extranjera por nacionalidad para un trabajo escolar.
N|CREATE TABLE invitados (id SERIAL PRIMARY KEY, nombre_completo TEXT NOT NULL, fecha_nacimiento DATE, num_pasaporte VARCHAR(9));
N|Precalienta el horno a 180 °C, mezcla 250 g de harina con 3 huevos y 200 ml de leche y hornea 25 minutos.
N|El nuevo router tiene cuatro puertos 1 GbE, Wi-Fi 6 e IPv6; el firmware 3.2.1 corrige el fallo de DHCP.
N|La reunión del proyecto pasa a la sala 4.12 de la tercera planta a las 14:30; traed las diapositivas del T3.
