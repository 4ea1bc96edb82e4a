# Português (Portugal). Escrito à mão para este corpus.
H|Resume esta carta: «Cara doutora, ao meu filho Tiago foi diagnosticada epilepsia em abril e ele precisa de tomar a medicação na escola.»
H|Escreve à chefe a dizer que o Rui Ferreira está de baixa médica até sexta, foi operado à vesícula.
P|A minha colega Inês é militante do Bloco de Esquerda e é candidata à assembleia municipal; ajuda-a com o discurso.
P|O meu sogro vota no Chega e discute política em todos os almoços de família; como é que falo com ele?
R|Reformula a nota dos recursos humanos de forma neutra: a D. Fátima é testemunha de Jeová e não participa nas festas de aniversário.
R|O meu irmão Duarte converteu-se ao islão e agora faz o jejum do Ramadão; como o convido para o jantar de família?
U|A Catarina Sousa filiou-se no Sindicato dos Professores da Grande Lisboa e pede que a quota seja descontada no salário.
U|Traduz para inglês: «Sou delegado sindical da CGTP na fábrica e acompanho o Sr. Carvalho no processo disciplinar.»
E|Resume a queixa: o Sr. Vareta diz que não lhe arrendaram a casa por ser cigano.
E|A nossa nova colega Djamila é de origem cabo-verdiana e alguns colegas fazem comentários sobre a cor da pele dela.
S|Como é que digo aos meus pais que sou lésbica e que a Beatriz é a minha namorada?
S|A funcionária Mariana Lopes relata que o chefe lhe pergunta repetidamente sobre a vida sexual dela.
B|Lembrete para o Nuno Marques: a impressão digital dele está registada no controlo de acessos e na próxima semana é preciso atualizar a fotografia do rosto.
B|O banco guarda a minha impressão vocal para me identificar ao telefone; redige um pedido para a apagarem.
G|Simplifica: «O seu teste genético, D. Helena, mostra que é portadora de uma mutação no gene BRCA2.»
G|Ao meu pai detetaram paramiloidose hereditária num teste de ADN; devo fazer o teste também?
T|Escreve um ensaio sobre a história do sindicalismo em Portugal depois do 25 de Abril.
T|Quais são as principais diferenças entre o catolicismo e o protestantismo? Em poucas palavras, para alunos.
T|Explica como funciona o reconhecimento facial e que riscos tem.
T|Compara os sistemas eleitorais de Portugal e de Espanha.
T|O que é um teste genético e quando é que os médicos o recomendam?
T|Escreve um artigo sobre saúde mental no trabalho.
DOB|Preenche o formulário: nome Gonçalo Pereira, data de nascimento 30/06/1989, nacionalidade portuguesa.
DOB|A avó Rosa nasceu a 12 de dezembro de 1943 em Braga — lembra-me do aniversário dela.
ADDR|Entreguem a encomenda na Rua Augusta 120, 2.º Esq., 1100-053 Lisboa.
ADDR|A minha nova morada é Avenida da Boavista 1837, 4.º D, 4100-133 Porto; muda-a no contrato.
PASS|Marca os voos para o Miguel Santos, passaporte n.º CB482917, válido até 2030.
PASS|Verifica o passaporte digitalizado: ⟦mrz3:PRT:PRT:SANTOS:MIGUEL:CB482917:861103:M:300524⟧
ID|Cartão de Cidadão (digitalizado): ⟦mrz1:PRT:PRT:PEREIRA:ANA:C2TK7L4P9:940919:F:320201⟧
PHONE|Liga-me para o ⟦phone:PT:nat:sp⟧ depois das seis.
PHONE|o meu telemóvel é ⟦phone:PT:intl:cut:2: (só mensagens) ⟧ obrigado
PHONE|Contacto: ⟦phone:PT:nat:dot⟧
IBAN|Transfere o sinal para ⟦iban:PT:nl⟧ até sexta-feira.
IBAN|NIB/IBAN: ⟦iban:PT:sp⟧
IBAN|O IBAN começa por ⟦iban:PT:cut:2: e depois vem ⟧, em nome de Sofia Rodrigues.
N|A Sonae SGPS, S.A., a Jerónimo Martins e a pequena Transportes Silva, Lda. assinaram um acordo logístico.
N|Se o contentor reinicia sem parar, verifica o limite de memória com docker stats.
N|for linha in linhas:\n    total += linha["valor"]
N|2024-12-01 20:05:44 ERROR trabalhador-1 pedido=77310 tempo limite excedido
N|Número de encomenda ⟦bad:pt.nif:999999999⟧ expedido do armazém de Coimbra.
N|Este número ⟦badiban:PT:g4⟧ é um exemplo errado para testes.
N|Fatura n.º FT 2024/1187, valor 1.245,60 €, pagamento a 30 dias.
# Segunda volta: outras construções, palavras indiretas, outros formatos de data e morada.
H|Responde à escola: a nossa filha não vai à visita de estudo de quinta-feira, tem o terceiro ciclo de quimioterapia nessa semana.
P|Nota para o processo: o inquilino disse-me que votou no PS nas legislativas e pediu para tirarmos o cartaz da AD da entrada.
R|Ajuda-me a escolher um presente para o meu colega Arjun: ele é hindu, vegetariano e celebra o Diwali no próximo mês.
U|Ata, ponto 4: a Sr.ª Antunes confirma que é agora a delegada da UGT para o pessoal do armazém.
E|Melhora a carta de recomendação: «A Sr.ª Mendes, de origem angolana, foi a primeira mulher negra a presidir à nossa comissão.»
S|Escreve ao senhorio a dizer que o meu namorado Tomás vem viver comigo no próximo mês: somos um casal.
B|O sistema de ponto voltou a rejeitar o reconhecimento facial do Rodrigo; abre um pedido para registar de novo o modelo facial dele.
G|Resume o resultado do teste de paternidade: o Sr. Fernandes é o pai biológico com uma probabilidade de 99,99 %.
T|A FENPROF anunciou hoje que os professores vão votar no outono uma greve.
T|O Ramadão começa este ano no início de março; escreve um aviso curto para a cantina sobre o horário do jantar.
DOB|Lista de passageiros: ALMEIDA, Leonor — nasc. 18-02-1995 — lugar 14C.
ADDR|Morada de faturação: Sr. Hugo Teixeira, Rua de Santa Catarina 312, 3.º Dto., 4000-442 Porto
# Terceira volta.
ID|Junta ao contrato a cópia do meu Cartão de Cidadão n.º ⟦valid:pt.cc:99999999 9 ZY9⟧.
PHONE|manda-me mensagem no whatsapp: ⟦phone:PT:intl:fw⟧
IBAN|conta (copiada do telemóvel): ⟦iban:PT:lower⟧
# Quarta volta.
H|Falei ontem com o Bruno. Ele anda nos Alcoólicos Anónimos desde março e pediu que não houvesse vinho na mesa na festa.
R|A Joana respondeu ao convite: na Quaresma não come carne, por isso na sexta encomendamos peixe para ela.
U|Ligou o Vasco: acabou de ser eleito delegado sindical e quer mudar o quadro do sindicato para a cantina.
S|A minha irmã contou-me ontem à noite que namora com uma rapariga há dois anos; como é que a apoio com os nossos pais?
T|O nosso seguro de saúde passou a cobrir fisioterapia e consultas de psicologia; escreve um aviso curto para todos.
T|Um empregador em Portugal pode perguntar a um candidato qual é a sua religião? Explica a lei de forma simples.
T|Redige uma regra neutra: os trabalhadores podem filiar-se em qualquer sindicato e a filiação nunca fica registada no processo individual.
T|Resume os dados dos Censos sobre a população estrangeira residente para um trabalho escolar.
N|CREATE TABLE convidados (id SERIAL PRIMARY KEY, nome_completo TEXT NOT NULL, data_nascimento DATE, num_passaporte VARCHAR(9));
N|Pré-aquece o forno a 180 °C, mistura 250 g de farinha com 3 ovos e 200 ml de leite e coze 25 minutos.
N|O novo router tem quatro portas 1 GbE, Wi-Fi 6 e IPv6; o firmware 3.2.1 corrige o erro do DHCP.
N|A reunião do projeto passa para a sala 4.12 no terceiro piso às 14h30; tragam os diapositivos do 3.º trimestre.
