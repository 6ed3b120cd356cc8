import sys,collections
for f in sys.argv[1:]:
    pass
tot=collections.Counter(); n=0; files=0; adapt=0
for f in sys.argv[1:]:
    d=open(f,'rb').read(); files+=1
    for i in range(0,len(d),188):
        p=d[i:i+188]; pid=((p[1]&0x1f)<<8)|p[2]; tot[pid]+=188
        afc=(p[3]>>4)&3
        if afc in (2,3): adapt+=p[4]+1
print(files, dict(tot), 'adaptation bytes', adapt)
